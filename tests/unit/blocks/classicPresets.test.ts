import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { buildModel } from '../../../src/engine/model/build';
import { getPreset } from '../../../src/engine/spec/presets';

// Mini-VGG and mini-ResNet: what each is made of, their counts against the built tfjs model, and a cost
// small enough for an epoch of 10,000 images in a few minutes on a 2-core machine's wasm backend.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const INPUTS: [number, number, number][] = [
  [28, 28, 1],
  [32, 32, 3],
];

describe('classic presets', () => {
  for (const id of ['vgg-mini', 'resnet-mini'] as const) {
    for (const input of INPUTS) {
      it(`${id} on ${input.join('×')}: the analyser's counts are the built model's, and it stays small`, () => {
        const spec = getPreset(id).build(input, 10);
        const analysis = analyzeModel(spec, 10);
        expect(analysis.issues).toEqual([]);
        const model = buildModel(spec, { seed: 1 });
        expect(analysis.totalParams).toBe(model.countParams());
        model.dispose();
        // LeNet-5 is about 0.4M multiply-adds; these stay within ten times that.
        expect(analysis.totalMacs).toBeLessThan(4e6);
      });
    }
  }

  it('mini-VGG is 3×3 convolutions only, in pairs between pools, doubling the channels', () => {
    const spec = getPreset('vgg-mini').build([32, 32, 3], 10);
    const convs = spec.layers.filter((l) => l.type === 'conv2d');
    expect(convs.map((c) => (c.type === 'conv2d' ? [c.kernelSize, c.filters] : null))).toEqual([[3, 8], [3, 8], [3, 16], [3, 16], [3, 32], [3, 32]]);
    expect(analyzeModel(spec, 10).layers.filter((l) => l.type === 'maxPool').map((l) => l.outputShape)).toEqual([[16, 16, 8], [8, 8, 16], [4, 4, 32]]);
  });

  it('mini-ResNet has both ways to match a shortcut, and halves the size as it doubles the channels', () => {
    const spec = getPreset('resnet-mini').build([28, 28, 1], 10);
    const analysis = analyzeModel(spec, 10);
    const blocks = analysis.layers.filter((l) => l.type === 'residual');
    expect(blocks.map((b) => b.outputShape)).toEqual([[28, 28, 8], [14, 14, 16], [7, 7, 32]]);
    expect(spec.layers.flatMap((l) => (l.type === 'residual' ? [l.shortcut] : []))).toEqual(['identity', 'zeroPad', 'projection']);
    expect(blocks.map((b) => b.inner?.find((i) => i.part.code === 'shortcut')?.params)).toEqual([0, 0, 16 * 32 + 32]);
  });
});
