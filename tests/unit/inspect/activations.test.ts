import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerActivations } from '../../../src/engine/inspect/activations';
import { convFilters } from '../../../src/engine/inspect/filters';
import { fixedImage, TINY, withFixedWeights } from './fixtures';

// The feature maps are what the model computes: each layer's output equals a forward pass written out
// in plain loops here, from the same weights and image.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The tiny model's forward pass in plain JS: conv 3×3 valid relu (HWC, kernel [kh,kw,in,out]), maxPool 2, flatten, dense. */
function forwardByHand(image: Float32Array, [k1, b1, k2, b2]: Float32Array[]) {
  const conv = new Float32Array(4 * 4 * 2);
  for (let y = 0; y < 4; y++)
    for (let x = 0; x < 4; x++)
      for (let f = 0; f < 2; f++) {
        let s = b1[f];
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += image[(y + i) * 6 + (x + j)] * k1[(i * 3 + j) * 2 + f];
        conv[(y * 4 + x) * 2 + f] = Math.max(0, s);
      }
  const pool = new Float32Array(2 * 2 * 2);
  for (let y = 0; y < 2; y++)
    for (let x = 0; x < 2; x++)
      for (let f = 0; f < 2; f++) {
        let m = -Infinity;
        for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m = Math.max(m, conv[((2 * y + i) * 4 + (2 * x + j)) * 2 + f]);
        pool[(y * 2 + x) * 2 + f] = m;
      }
  const logits = Float64Array.from(b2);
  for (let u = 0; u < 3; u++) for (let i = 0; i < 8; i++) logits[u] += pool[i] * k2[i * 3 + u];
  const exps = Array.from(logits, (v) => Math.exp(v - Math.max(...logits)));
  const total = exps.reduce((a, b) => a + b, 0);
  return { conv, pool, logits, probabilities: exps.map((e) => e / total) };
}

const expectClose = (actual: ArrayLike<number>, expected: ArrayLike<number>) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
};

describe('layer activations', () => {
  it('give every spec layer’s output, equal to a forward pass by hand, with min/max and probabilities', async () => {
    const { model, weights } = withFixedWeights(TINY);
    const image = fixedImage(36);
    const before = tf.memory().numTensors;
    const { layers, probabilities } = await layerActivations(model, image);
    expect(tf.memory().numTensors).toBe(before);
    const hand = forwardByHand(image, weights);

    expect(layers.map((l) => [l.layer, l.type, l.shape.join('×')])).toEqual([
      [0, 'conv2d', '4×4×2'],
      [1, 'maxPool', '2×2×2'],
      [2, 'flatten', '8'],
      [3, 'dense', '3'],
    ]);
    expectClose(layers[0].values, hand.conv);
    expectClose(layers[1].values, hand.pool);
    expectClose(layers[2].values, hand.pool);
    expectClose(layers[3].values, hand.logits); // logits: the softmax is left out of the model
    expectClose(probabilities, hand.probabilities);
    // The relu must have cut something for this test to mean anything, and must leave positives.
    expect(layers[0].min).toBe(0);
    expect(layers[0].max).toBeCloseTo(Math.max(...hand.conv), 5);
    expect(layers[3].min).toBeCloseTo(Math.min(...hand.logits), 5);
    expect(hand.conv.filter((v) => v === 0).length).toBeGreaterThan(0);
    model.dispose();
  });

  it('report a leakyRelu layer after its LeakyReLU, under the spec index', async () => {
    const spec = structuredClone(TINY);
    spec.layers[0] = { type: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'leakyRelu' };
    const { model } = withFixedWeights(spec);
    const { layers } = await layerActivations(model, fixedImage(36));
    expect(layers.map((l) => l.layer)).toEqual([0, 1, 2, 3]);
    expect(layers[0].min).toBeLessThan(0); // negatives kept, scaled by α: not the linear conv's zeros
    model.dispose();
  });

  it('refuse an image of the wrong size', async () => {
    const { model } = withFixedWeights(TINY);
    await expect(layerActivations(model, new Float32Array(35))).rejects.toThrow(/the image has 35 values but the model takes 6×6×1 = 36/);
    model.dispose();
  });
});

describe('conv filters', () => {
  it('give each conv layer’s kernel and bias with the kernel’s min, max and mean', async () => {
    const { model, weights } = withFixedWeights(TINY);
    const before = tf.memory().numTensors;
    const filters = await convFilters(model);
    expect(tf.memory().numTensors).toBe(before);
    expect(filters).toHaveLength(1);
    const [f] = filters;
    expect(f.layer).toBe(0);
    expect(f.shape).toEqual([3, 3, 1, 2]);
    expectClose(f.kernel, weights[0]);
    expectClose(f.bias, weights[1]);
    const k = Array.from(weights[0]);
    expect(f.min).toBeCloseTo(Math.min(...k), 6);
    expect(f.max).toBeCloseTo(Math.max(...k), 6);
    expect(f.mean).toBeCloseTo(k.reduce((a, b) => a + b, 0) / k.length, 6);
    model.dispose();
  });
});
