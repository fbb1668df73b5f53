import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import { localResponseNorm } from '../../../src/engine/model/lrn';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { basicBlock } from '../blocks/blockSpecs';
import { random, relativeError, setUpBackends, TOLERANCE, type Input } from './compare';

// The gradients of models with blocks on the wasm backend, against the cpu backend's, from the same
// weights and images: every weight's gradient within the tolerance the project's wasm kernels meet.

beforeAll(setUpBackends);
afterAll(() => tf.setBackend('cpu'));

const tensor = (i: Input) => tf.tensor(i.values, i.shape);

/** The gradient of the softmax cross-entropy of `spec`'s model on `x`, for every trainable weight, on `backend`. */
async function gradients(backend: 'cpu' | 'wasm', spec: ModelSpec, weights: Input[], x: Input, labels: number[]) {
  await tf.setBackend(backend);
  const model = buildModel(spec, { seed: 1 });
  try {
    const values = weights.map(tensor);
    model.setWeights(values);
    tf.dispose(values);
    const xs = tensor(x);
    const ys = tf.oneHot(labels, 10);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar);
    const out = model.trainableWeights.map((w) => ({ name: w.originalName, values: Float32Array.from(grads[(w.read() as tf.Variable).name].dataSync()) }));
    tf.dispose([xs, ys, ...Object.values(grads)]);
    return out;
  } finally {
    model.dispose();
  }
}

async function compareGradients(spec: ModelSpec, batch: number) {
  await tf.setBackend('cpu');
  const probe = buildModel(spec, { seed: 1 });
  const weights = probe.getWeights().map((w) => random(w.shape as number[], 0.5));
  probe.dispose();
  const x = random([batch, ...spec.inputShape]);
  const labels = Array.from({ length: batch }, (_, i) => (i * 3) % 10);
  const cpu = await gradients('cpu', spec, weights, x, labels);
  const wasm = await gradients('wasm', spec, weights, x, labels);
  await tf.setBackend('cpu');
  const largest = (v: Float32Array) => v.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  const scale = Math.max(...cpu.map((c) => largest(c.values)));
  return cpu.map((c, k) => ({
    name: c.name,
    error: relativeError(c.values, wasm[k].values),
    // A conv's bias just before batch norm has a gradient of exactly 0 in theory (the normalisation takes
    // any shift out again): both backends give rounding noise there, which has no relative error to speak of.
    vanishes: largest(c.values) < 1e-6 * scale,
    wasmLargest: largest(wasm[k].values) / scale,
  }));
}

const head = [{ type: 'globalAvgPool' as const }, { type: 'dense' as const, units: 10, activation: 'softmax' as const }];

describe('gradients of blocks on wasm match cpu', () => {
  const cases: { label: string; spec: ModelSpec }[] = [
    { label: 'residual block, identity shortcut', spec: { inputShape: [8, 8, 4], layers: [basicBlock(4, 1, 'identity'), ...head] } },
    { label: 'residual block, projection shortcut with stride 2', spec: { inputShape: [9, 9, 3], layers: [basicBlock(6, 2, 'projection'), ...head] } },
    { label: 'residual block, zero-padding shortcut with stride 2', spec: { inputShape: [10, 10, 2], layers: [basicBlock(5, 2, 'zeroPad'), ...head] } },
    {
      label: 'inception block after LRN',
      spec: {
        inputShape: [7, 7, 3],
        layers: [
          { type: 'conv2d', filters: 6, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
          { type: 'lrn', depthRadius: 2, bias: 1, alpha: 0.2, beta: 0.75 },
          { type: 'inception', conv1x1: 3, reduce3x3: 2, conv3x3: 4, reduce5x5: 2, conv5x5: 3, poolProj: 2, activation: 'relu' },
          ...head,
        ],
      },
    },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const results = await compareGradients(c.spec, 3);
      expect(results.filter((r) => !r.vanishes).length).toBeGreaterThan(results.length / 2);
      for (const r of results) {
        if (r.vanishes) expect(r.wasmLargest, r.name).toBeLessThan(1e-5);
        else expect(r.error, r.name).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }
});

describe('local response normalisation', () => {
  it('equals tf.localResponseNormalization, and so does its gradient, on cpu and on wasm', async () => {
    const x = random([2, 3, 4, 7], 2);
    const config = { depthRadius: 2, bias: 1, alpha: 0.3, beta: 0.75 };
    const weights = random([2, 3, 4, 7]);
    const run = async (backend: 'cpu' | 'wasm', f: (t: tf.Tensor4D) => tf.Tensor4D) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const input = tensor(x) as tf.Tensor4D;
        const w = tensor(weights);
        const y = f(input);
        const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t as tf.Tensor4D), w)))(input);
        return { y: y.dataSync().slice(), grad: grad.dataSync().slice() };
      });
    };
    const reference = await run('cpu', (t) => tf.localResponseNormalization(t, config.depthRadius, config.bias, config.alpha, config.beta));
    const ours = await run('cpu', (t) => localResponseNorm(t, config));
    const onWasm = await run('wasm', (t) => localResponseNorm(t, config));
    await tf.setBackend('cpu');
    // The normalisation changes the values noticeably at these settings, so agreement means something.
    expect(relativeError(x.values, reference.y)).toBeGreaterThan(0.1);
    for (const r of [ours, onWasm]) {
      expect(relativeError(reference.y, r.y)).toBeLessThanOrEqual(TOLERANCE);
      expect(relativeError(reference.grad, r.grad)).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
