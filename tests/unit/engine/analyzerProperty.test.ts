import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build.ts';
import { analyzeModel, type ModelAnalysis } from '../../../src/engine/spec/analyze.ts';
import type { ModelSpec } from '../../../src/engine/spec/layers.ts';
import { SPEC_MESSAGES_EN, renderEnglish, templateKey, type IssueText } from '../../../src/engine/spec/messages.ts';
import { builtRows } from './builtLayers.ts';
import { untrustedSpecArb, wellFormedSpecArb } from './specArbitraries.ts';

// Property tests of the analyzer against tfjs: whatever it is given it answers without throwing, and
// every spec it accepts builds, with the shapes and parameter counts it predicted, and takes a training
// step. PROPERTY_RUNS=20000 for a longer run than CI's; PROPERTY_SEED replays a failure fast-check reported.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const options = (numRuns: number) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Placeholders of the message's templates (nested ones too) that it gives no value for. */
function unfilledPlaceholders(t: IssueText): string[] {
  const table = SPEC_MESSAGES_EN as Record<string, string>;
  const template = table[templateKey(t.code, t.params, (k) => k in table)];
  if (template === undefined) return [t.code];
  const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
  const nested = Object.values(t.params ?? {}).flatMap((p) => (typeof p === 'object' ? unfilledPlaceholders(p) : []));
  return [...names.filter((name) => t.params?.[name] === undefined), ...nested];
}

/** Invariants of any analysis, valid or not. */
function checkAnalysis(spec: unknown, a: ModelAnalysis) {
  const rawLayers = typeof spec === 'object' && spec !== null && Array.isArray((spec as { layers?: unknown }).layers) ? (spec as { layers: unknown[] }).layers : [];
  expect(a.layers).toHaveLength(rawLayers.length);
  expect(a.ok).toBe(a.issues.length === 0);
  expect(a.spec === null).toBe(!a.ok);
  for (const issue of a.issues) {
    expect(issue.message).toBe(renderEnglish(issue.text));
    expect(unfilledPlaceholders(issue.text)).toEqual([]);
    // A limit the student never set, an emptied field blamed on them, or a value JavaScript printed for itself.
    expect(issue.message).not.toMatch(/9007199254740991|number, not NaN|undefined|\[object /);
    if (issue.layerIndex !== null) expect(issue.layerIndex).toBeGreaterThanOrEqual(0);
    if (issue.layerIndex !== null) expect(issue.layerIndex).toBeLessThan(rawLayers.length);
  }
}

/** Builds the accepted spec, holds it against the analysis, takes one training step; leaves no tensor behind. */
function checkBuildsAsPredicted(spec: ModelSpec, a: ModelAnalysis, seed: number) {
  const before = tf.memory().numTensors;
  const model = buildModel(spec, { seed });
  try {
    expect(model.inputs[0].shape).toEqual([null, ...spec.inputShape]);
    expect(model.countParams()).toBe(a.totalParams);
    const rows = builtRows(model);
    a.layers.forEach((info, index) => {
      const row = rows.get(index);
      if (row === undefined) {
        // Only a final softmax is left out (the model outputs logits); it changes no shape.
        expect(index).toBe(spec.layers.length - 1);
        expect(spec.layers[index]).toEqual({ type: 'activation', activation: 'softmax' });
        expect(info.outputShape).toEqual(a.layers[index - 1].outputShape);
        return;
      }
      expect(row.outputShape, `layer ${index + 1} shape`).toEqual([null, ...info.outputShape!]);
      expect(row.params, `layer ${index + 1} params`).toBe(info.params);
      expect(row.trainableParams, `layer ${index + 1} trainable params`).toBe(info.trainableParams);
    });

    // One step the way the trainer takes it: softmax cross-entropy on the logits, in training mode.
    const outputs = a.outputShape![0];
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(vars.length).toBeGreaterThan(0);
    const [loss, finite] = tf.tidy(() => {
      const x = tf.randomUniform([2, ...spec.inputShape], 0, 1, 'float32', seed);
      // Soft labels: any class count works, one output included (tf.oneHot wants at least two).
      const y = tf.softmax(tf.randomNormal([2, outputs], 0, 1, 'float32', seed));
      const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, vars);
      expect(Object.keys(grads)).toHaveLength(vars.length);
      const allFinite = Object.values(grads).every((g) => tf.all(tf.isFinite(g)).dataSync()[0] === 1);
      return [value.dataSync()[0], allFinite] as const;
    });
    expect(Number.isFinite(loss)).toBe(true);
    expect(finite).toBe(true);
  } finally {
    model.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}

describe('analyzeModel, property-based', () => {
  it(`never throws, on ${RUNS} untrusted values`, () => {
    fc.assert(
      fc.property(untrustedSpecArb, fc.option(fc.integer({ min: 1, max: 20 })), (spec, numClasses) => {
        checkAnalysis(spec, analyzeModel(spec, numClasses));
      }),
      options(RUNS),
    );
  });

  it(`accepts only specs that build as predicted and train, on ${RUNS} random specs`, () => {
    let accepted = 0;
    const start = performance.now();
    fc.assert(
      fc.property(wellFormedSpecArb, fc.nat(), (spec, seed) => {
        const a = analyzeModel(spec, null);
        checkAnalysis(spec, a);
        if (!a.ok) return;
        accepted++;
        checkBuildsAsPredicted(a.spec!, a, seed);
      }),
      options(RUNS),
    );
    // The generator must reach the builder often enough for the property to say something.
    expect(accepted).toBeGreaterThan(RUNS / 5);
    console.info(`analyzer property: ${accepted} of ${RUNS} random specs accepted, built and trained in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  });
});
