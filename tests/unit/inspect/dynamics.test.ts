import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import { histogram } from '../../../src/engine/inspect/histogram';
import { snapshotInterval } from '../../../src/engine/inspect/trainingStats';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { trainingConfigSchema } from '../../../src/engine/train/config';
import type { BatchMetrics, DynamicsLayout, TrainEvent } from '../../../src/engine/train/events';
import { TrainingRun, type TrainingData } from '../../../src/engine/train/trainer';
import type { TrainingSnapshot } from '../../../src/engine/inspect/trainingStats';
import { randomImages } from '../../helpers/randomImages';

// Weights and gradients over training: the per-step gradient norms and the snapshots (histograms, dead
// ReLU units) a run reports, checked against the same quantities computed here independently.

describe('histogram', () => {
  it('bins equal-width between min and max, the maximum in the last bin, counts summing to the values', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, 1, -1], 4); // bins of 0.5 over [-1, 1]
    expect(h.min).toBe(-1);
    expect(h.max).toBe(1);
    expect(Array.from(h.counts)).toEqual([1, 0, 2, 4]);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(7);
  });
  it('puts all-equal values in one middle bin and counts non-finite values apart', () => {
    const h = histogram([3, 3, NaN, Infinity, 3], 5);
    expect(Array.from(h.counts)).toEqual([0, 0, 3, 0, 0]);
    expect(h.nonFinite).toBe(2);
    expect(histogram([], 3)).toEqual({ min: 0, max: 0, counts: new Uint32Array(3), nonFinite: 0 });
  });
});

const SPEC: ModelSpec = {
  inputShape: [8, 8, 1],
  layers: [
    { type: 'conv2d', filters: 3, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 6, activation: 'relu' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
};

/** Seeded random images and labels. */
const images = (count: number, seed: number) => randomImages(count, 64, 3, seed);

// One batch holds the whole training set, so step 0's gradient does not depend on the shuffle.
const data: TrainingData = { imageShape: [8, 8, 1], numClasses: 3, train: images(64, 1), validation: images(0, 2), test: images(16, 3) };
const config = trainingConfigSchema.parse({
  optimizer: { type: 'sgd', learningRate: 0.05 },
  batchSize: 64,
  epochs: 5,
  seed: 9,
  subsets: { train: 64, validation: 0, test: 16 },
});

async function train(spec: ModelSpec = SPEC, cfg = config) {
  const events: TrainEvent[] = [];
  const run = new TrainingRun(spec, cfg, data, (e) => events.push(e));
  await run.done;
  const start = events.find((e) => e.kind === 'start') as Extract<TrainEvent, { kind: 'start' }>;
  const batches: BatchMetrics[] = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
  const snapshots: TrainingSnapshot[] = events.flatMap((e) => (e.kind === 'snapshot' ? [e.snapshot] : []));
  return { dynamics: start.dynamics as DynamicsLayout, batches, snapshots };
}

describe('training dynamics', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['SGD', config],
    // SCG takes several gradients per step (trial weights too): the norms are of the first, at the step's weights.
    ['SCG', trainingConfigSchema.parse({ ...config, optimizer: { type: 'scg' } })],
  ])('reports one gradient norm per weighted layer per step, equal to the norm computed independently (%s)', async (_name, cfg) => {
    const { dynamics, batches } = await train(SPEC, cfg);
    expect(dynamics.layers.map((l) => `${l.layer} ${l.type} ${l.size}`)).toEqual(['0 conv2d 30', '3 dense 168', '4 dense 21']);
    expect(dynamics.relus.map((l) => l.layer)).toEqual([0, 3]);
    expect(batches).toHaveLength(5);
    for (const b of batches) expect(b.gradNorms).toHaveLength(3);

    // The same model, the same initial weights, the same 64 images: the gradient of the mean cross-entropy.
    const model = buildModel(SPEC, { seed: config.seed });
    const x = tf.tensor4d(data.train.images, [64, 8, 8, 1], 'int32').toFloat().div(255);
    const y = tf.oneHot(tf.tensor1d(data.train.labels, 'int32'), 3);
    const { grads, value } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    const norm = (prefix: string) =>
      Math.sqrt(Object.keys(grads).filter((k) => k.startsWith(prefix)).reduce((sum, k) => sum + (tf.sum(tf.square(grads[k])).dataSync()[0]), 0));
    const expected = [norm('l0_conv2d/'), norm('l3_dense/'), norm('l4_dense/')];
    expect(batches[0].loss).toBeCloseTo(value.dataSync()[0], 5);
    batches[0].gradNorms!.forEach((n, i) => expect(Math.abs(n - expected[i]) / expected[i]).toBeLessThan(1e-4));
    tf.dispose([x, y, value, ...Object.values(grads)]);
    model.dispose();
  });

  it('takes snapshots whose histograms hold every weight and gradient of the layer, and dead-ReLU shares in [0, 1]', async () => {
    const { dynamics, snapshots } = await train();
    expect(dynamics.snapshotEvery).toBe(snapshotInterval(5));
    // Five steps are fewer than the shortest interval between snapshots: the first step's and the last's.
    expect(snapshots.map((s) => s.step)).toEqual([0, 4]);
    for (const s of snapshots) {
      expect(s.layers.map((l) => l.layer)).toEqual([0, 3, 4]);
      s.layers.forEach((l, i) => {
        const size = dynamics.layers[i].size;
        expect(l.weights.counts.reduce((a, b) => a + b, 0)).toBe(size);
        expect(l.gradients.counts.reduce((a, b) => a + b, 0)).toBe(size);
      });
      expect(s.deadRelu.map((d) => d.layer)).toEqual([0, 3]);
      for (const d of s.deadRelu) expect(d.fraction).toBeGreaterThanOrEqual(0), expect(d.fraction).toBeLessThanOrEqual(1);
    }

    // Step 0's weight histogram is of the initial weights, and its dead units are those of the initial model.
    const model = buildModel(SPEC, { seed: config.seed });
    const first = snapshots[0];
    const conv = model.getLayer('l0_conv2d').getWeights().flatMap((w) => Array.from(w.dataSync()));
    expect(first.layers[0].weights.min).toBeCloseTo(Math.min(...conv), 6);
    expect(first.layers[0].weights.max).toBeCloseTo(Math.max(...conv), 6);
    const x = tf.tensor4d(data.train.images, [64, 8, 8, 1], 'int32').toFloat().div(255);
    const out = tf.model({ inputs: model.inputs, outputs: [model.getLayer('l0_conv2d').output as tf.SymbolicTensor, model.getLayer('l3_dense').output as tf.SymbolicTensor] }).predict(x) as tf.Tensor[];
    const deadShare = (t: tf.Tensor) => {
      const units = t.shape[t.shape.length - 1]!;
      const v = t.reshape([-1, units]).arraySync() as number[][];
      let dead = 0;
      for (let u = 0; u < units; u++) if (v.every((row) => row[u] <= 0)) dead++;
      return dead / units;
    };
    expect(first.deadRelu.map((d) => d.fraction)).toEqual(out.map(deadShare));
    tf.dispose([x, ...out]);
    model.dispose();
  });

  it('leaves no tensors behind', async () => {
    await train(); // warm-up: kernels and the backend's own first allocations
    const before = tf.memory().numTensors;
    await train();
    expect(tf.memory().numTensors).toBe(before);
  });
});
