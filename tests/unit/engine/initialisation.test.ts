import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import { INIT_TYPES, SMALL_NORMAL_STD, type InitType } from '../../../src/engine/model/initSpec';
import type { Activation, ItemSpec, ModelSpec } from '../../../src/engine/spec/layers';

// The weight initialisation a run chooses: each one's statistics on a layer large enough to measure them,
// seeded (the same seed gives the same weights, another seed others), applied to every kernel, blocks
// included, and 'auto' (what runs saved before the setting are read as) is what the app always built.

const FAN_IN = 400;
const UNITS = 300;

function denseSpec(activation: Activation): ModelSpec {
  return {
    inputShape: [20, 20, 1],
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: UNITS, activation },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  };
}

/** The first dense kernel's values (fan-in 400, 300 units: 120,000 weights). */
function kernel(init: InitType | undefined, activation: Activation = 'relu', seed = 1): Float32Array {
  const model = buildModel(denseSpec(activation), { seed, ...(init ? { init } : {}) });
  const values = model.getWeights()[0].dataSync() as Float32Array;
  const bias = model.getWeights()[1].dataSync();
  expect(Array.from(bias).every((b) => b === 0)).toBe(true); // biases start at zero whatever the choice
  model.dispose();
  return Float32Array.from(values);
}

/** Bit for bit (vitest's deep equality is slow on 120,000 numbers). */
const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

function stats(w: Float32Array) {
  let sum = 0;
  let max = 0;
  for (const v of w) {
    sum += v;
    max = Math.max(max, Math.abs(v));
  }
  const mean = sum / w.length;
  let sq = 0;
  for (const v of w) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / w.length), max };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weight initialisation', () => {
  it('He normal: mean 0, σ = √(2 / fan_in) narrowed by the cut at ±2σ (tfjs does not widen it), nothing beyond 2σ', () => {
    const sigma = Math.sqrt(2 / FAN_IN);
    const { mean, std, max } = stats(kernel('he', 'tanh')); // He even before tanh: the setting wins
    expect(Math.abs(mean)).toBeLessThan(0.02 * sigma);
    // A normal cut at ±2σ keeps 0.8796σ of its spread.
    expect(std / sigma).toBeGreaterThan(0.86);
    expect(std / sigma).toBeLessThan(0.9);
    expect(max).toBeLessThanOrEqual(2 * sigma + 1e-6);
  });

  it('Glorot uniform: mean 0, every weight within ±√(6 / (fan_in + fan_out)), σ = bound / √3', () => {
    const bound = Math.sqrt(6 / (FAN_IN + UNITS));
    const { mean, std, max } = stats(kernel('glorot', 'relu')); // Glorot even before relu
    expect(Math.abs(mean)).toBeLessThan(0.02 * bound);
    expect(max).toBeLessThanOrEqual(bound + 1e-6);
    expect(max).toBeGreaterThan(0.99 * bound);
    expect(std).toBeCloseTo(bound / Math.sqrt(3), 3);
  });

  it('small random normal: mean 0, σ = 0.01 whatever the layer, not cut (weights beyond 3σ occur)', () => {
    const { mean, std, max } = stats(kernel('smallNormal', 'relu'));
    expect(SMALL_NORMAL_STD).toBe(0.01);
    expect(Math.abs(mean)).toBeLessThan(0.0003);
    expect(std).toBeGreaterThan(0.0098);
    expect(std).toBeLessThan(0.0102);
    expect(max).toBeGreaterThan(3 * SMALL_NORMAL_STD);
  });

  it("'auto' (and no init at all) is what the app always built: He before relu, Glorot before tanh", () => {
    expect(same(kernel('auto', 'relu'), kernel('he', 'relu'))).toBe(true);
    expect(same(kernel('auto', 'tanh'), kernel('glorot', 'tanh'))).toBe(true);
    expect(same(kernel(undefined, 'relu'), kernel('auto', 'relu'))).toBe(true);
    expect(same(kernel(undefined, 'sigmoid'), kernel('auto', 'sigmoid'))).toBe(true);
  });

  it.each(INIT_TYPES)('%s is seeded: the same seed gives the same weights, another seed others', (init) => {
    expect(same(kernel(init, 'relu', 7), kernel(init, 'relu', 7))).toBe(true);
    expect(same(kernel(init, 'relu', 8), kernel(init, 'relu', 7))).toBe(false);
  });

  it('reaches every kernel, inside blocks and the residual projection too', () => {
    const layers: ItemSpec[] = [
      { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
      {
        type: 'residual',
        shortcut: 'projection',
        activation: 'relu',
        layers: [
          { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
          { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' },
        ],
      },
      { type: 'inception', conv1x1: 2, reduce3x3: 2, conv3x3: 2, reduce5x5: 2, conv5x5: 2, poolProj: 2, activation: 'relu' },
      { type: 'globalAvgPool' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    const model = buildModel({ inputShape: [8, 8, 1], layers }, { seed: 2, init: 'smallNormal' });
    const kernels = model.weights.filter((w) => /kernel/.test(w.originalName));
    expect(kernels.length).toBe(1 + 3 + 6 + 1); // conv, two main-path convs and the projection, six inception convs, dense
    for (const k of kernels) {
      const { max } = stats(k.read().dataSync() as Float32Array);
      // N(0, 0.01²): nothing near He's or Glorot's scale (≥ 0.1 for these fan-ins).
      expect(max, k.originalName).toBeLessThan(0.06);
    }
    model.dispose();
  });
});
