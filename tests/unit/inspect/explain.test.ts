import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerActivations } from '../../../src/engine/inspect/activations';
import { explainConv } from '../../../src/engine/inspect/explain';
import { LEAKY_RELU_ALPHA } from '../../../src/engine/model/build';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { fixedImage, TINY, weightValue, withFixedWeights } from './fixtures';

// The explainer's arithmetic (window × kernel, sum, bias, activation) must land on the number tfjs put
// in the feature map, including where 'same' padding is uneven and strides skip positions.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two-channel 7×7 input; 'same' with stride 2 (pads 1 before, 1 after), then 'same' 4×4 (pads 1 before, 2 after). */
const PADDED: ModelSpec = {
  inputShape: [7, 7, 2],
  layers: [
    { type: 'conv2d', filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'leakyRelu' },
    { type: 'conv2d', filters: 2, kernelSize: 4, strides: 1, padding: 'same', activation: 'tanh' },
    { type: 'conv2d', filters: 2, kernelSize: 2, strides: 2, padding: 'valid', activation: 'elu' },
    { type: 'flatten' },
    { type: 'dense', units: 2, activation: 'softmax' },
  ],
};

async function checkEveryNumber(spec: ModelSpec, layer: number) {
  const { model } = withFixedWeights(spec);
  const image = fixedImage(spec.inputShape.reduce((a, b) => a * b, 1));
  const [h, w, channels] = model.layers.find((l) => l.name.startsWith(`l${layer}_`))!.outputShape.slice(1) as number[];
  let checked = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let channel = 0; channel < channels; channel++) {
        const e = await explainConv(model, image, { layer, channel, y, x });
        expect(e.output).toBeCloseTo(e.featureMapValue, 4);
        expect(Math.abs(e.output - e.featureMapValue)).toBeLessThan(1e-4);
        expect(e.preActivation).toBeCloseTo(e.sum + e.bias, 6);
        checked++;
      }
  model.dispose();
  return checked;
}

describe('conv explainer', () => {
  it('matches the feature map at every position of a valid relu conv, and shows its window', async () => {
    expect(await checkEveryNumber(TINY, 0)).toBe(4 * 4 * 2);
    const { model, weights } = withFixedWeights(TINY);
    const image = fixedImage(36);
    const e = await explainConv(model, image, { layer: 0, channel: 1, y: 2, x: 1 });
    expect(e.windowShape).toEqual([3, 3, 1]);
    // The window starts at (2, 1) of the image; the kernel is filter 1's column of [3,3,1,2].
    expect(Array.from(e.patch)).toEqual([0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => image[(2 + i) * 6 + 1 + j])));
    expect(Array.from(e.kernel)).toEqual(Array.from({ length: 9 }, (_, t) => weights[0][t * 2 + 1]));
    for (let t = 0; t < 9; t++) expect(e.products[t]).toBeCloseTo(e.patch[t] * e.kernel[t], 7);
    expect(e.bias).toBeCloseTo(weightValue(1, 1), 7);
    expect(e.activation).toBe('relu');
    model.dispose();
  });

  it('matches with same padding and stride 2, uneven same padding, leakyRelu, tanh and elu', async () => {
    expect(await checkEveryNumber(PADDED, 0)).toBe(4 * 4 * 3);
    expect(await checkEveryNumber(PADDED, 1)).toBe(4 * 4 * 2);
    expect(await checkEveryNumber(PADDED, 2)).toBe(2 * 2 * 2);
    const { model } = withFixedWeights(PADDED);
    const image = fixedImage(7 * 7 * 2);
    // Corner (0, 0) of the stride-2 'same' layer: its first window row and column fall on padding.
    const corner = await explainConv(model, image, { layer: 0, channel: 0, y: 0, x: 0 });
    expect(corner.activation).toBe('leakyRelu');
    expect(Array.from(corner.patch.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]); // row 0: 3 columns × 2 channels
    expect(corner.patch[2 * 3 * 0 + 2 * 1 + 0]).toBe(0); // column 0 of every row is padding too
    expect(corner.patch[(1 * 3 + 1) * 2]).toBeCloseTo(image[0], 7); // window (1,1) is image (0,0)
    // The last window of the 4×4 'same' layer has two rows of padding after the input.
    const last = await explainConv(model, image, { layer: 1, channel: 1, y: 3, x: 3 });
    expect(last.windowShape).toEqual([4, 4, 3]);
    expect(Array.from(last.patch.subarray(3 * 4 * 3))).toEqual(new Array(12).fill(0));
    const { layers } = await layerActivations(model, image);
    const beforePad = layers[0].values[((2 * 4 + 2) * 3) + 0];
    expect(last.patch[(0 * 4 + 0) * 3]).toBeCloseTo(beforePad, 6); // window (0,0) is input (2,2)
    // A negative pre-activation through leakyRelu is scaled by α.
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 4; x++) {
        const e = await explainConv(model, image, { layer: 0, channel: 2, y, x });
        if (e.preActivation < 0) expect(e.output).toBeCloseTo(LEAKY_RELU_ALPHA * e.preActivation, 6);
      }
    model.dispose();
  });

  it('says that a conv’s softmax is shown as linear', async () => {
    const spec = structuredClone(TINY);
    spec.layers[0] = { type: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'softmax' };
    const { model } = withFixedWeights(spec);
    const e = await explainConv(model, fixedImage(36), { layer: 0, channel: 0, y: 0, x: 0 });
    expect(e.activation).toBe('linear');
    expect(e.activationNote).toMatch(/softmax is taken across all channels/);
    expect(e.output).toBe(e.preActivation);
    model.dispose();
  });

  it('names what is wrong with the layer, channel or position, and leaks no tensors', async () => {
    const { model } = withFixedWeights(TINY);
    const image = fixedImage(36);
    const at = { layer: 0, channel: 0, y: 0, x: 0 };
    await expect(explainConv(model, image, { ...at, layer: 1 })).rejects.toThrow("layer 1 is a maxPool layer, not conv2d: only conv layers can be explained (its conv layers are 0)");
    await expect(explainConv(model, image, { ...at, layer: 9 })).rejects.toThrow('the model has no layer 9 (its conv layers are 0)');
    await expect(explainConv(model, image, { ...at, channel: 2 })).rejects.toThrow('layer 0 has 2 channels (0 to 1): there is no channel 2');
    await expect(explainConv(model, image, { ...at, y: 4 })).rejects.toThrow("position (y 4, x 0) is outside layer 0's 4×4 output");
    await expect(explainConv(model, image, { ...at, x: -1 })).rejects.toThrow(/outside layer 0's 4×4 output/);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await explainConv(model, image, { ...at, y: i % 4 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
