import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { buildModel } from '../../../src/engine/model/build';
import { getPreset } from '../../../src/engine/spec/presets';

// Mini-AlexNet, mini-VGG, mini-GoogLeNet and mini-ResNet: what each is made of, their counts against the built tfjs model, and a cost
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

  for (const id of ['alexnet-mini', 'googlenet-mini'] as const) {
    for (const input of INPUTS) {
      it(`${id} on ${input.join('×')}: the analyser's counts are the built model's, within twice mini-VGG's cost`, () => {
        const spec = getPreset(id).build(input, 10);
        const analysis = analyzeModel(spec, 10);
        expect(analysis.issues).toEqual([]);
        expect(analysis.outputShape).toEqual([10]);
        const model = buildModel(spec, { seed: 1 });
        expect(analysis.totalParams).toBe(model.countParams());
        model.dispose();
        // Mini-VGG's epoch of 10,000 images takes about a minute on wasm; these stay within twice its work.
        const vgg = analyzeModel(getPreset('vgg-mini').build(input, 10), 10);
        expect(analysis.totalMacs).toBeLessThan(2 * vgg.totalMacs);
      });
    }
  }

  it('mini-AlexNet has ReLU, LRN after its first two convolutions, overlapping 3×3 pools with stride 2, and dropout', () => {
    const spec = getPreset('alexnet-mini').build([28, 28, 1], 10);
    expect(spec.layers.map((l) => l.type)).toEqual([
      'conv2d', 'lrn', 'maxPool', 'conv2d', 'lrn', 'maxPool', 'conv2d', 'conv2d', 'conv2d', 'maxPool',
      'flatten', 'dense', 'dropout', 'dense', 'dropout', 'dense',
    ]);
    const pools = spec.layers.filter((l) => l.type === 'maxPool');
    expect(pools.map((p) => (p.type === 'maxPool' ? [p.poolSize, p.strides] : null))).toEqual([[3, 2], [3, 2], [3, 2]]);
    expect(spec.layers.filter((l) => l.type === 'conv2d').every((l) => l.type === 'conv2d' && l.activation === 'relu')).toBe(true);
    // Overlapping: 28 → 13 → 6 → 2, where 2×2 pools would give 14 → 7 → 3.
    const analysis = analyzeModel(spec, 10);
    expect(analysis.layers.filter((l) => l.type === 'maxPool').map((l) => l.outputShape)).toEqual([[13, 13, 16], [6, 6, 32], [2, 2, 32]]);
  });

  it('mini-GoogLeNet stacks inception modules whose 1×1 reductions shrink the channels, ending in global average pooling', () => {
    const spec = getPreset('googlenet-mini').build([32, 32, 3], 10);
    const analysis = analyzeModel(spec, 10);
    const modules = analysis.layers.filter((l) => l.type === 'inception');
    expect(modules.map((m) => m.outputShape)).toEqual([[15, 15, 32], [15, 15, 60], [7, 7, 64]]);
    const inputs = [16, 32, 60];
    spec.layers.filter((l) => l.type === 'inception').forEach((m, i) => {
      if (m.type !== 'inception') return;
      expect(m.reduce3x3).toBeLessThan(inputs[i]);
      expect(m.reduce5x5).toBeLessThan(inputs[i]);
    });
    expect(spec.layers.map((l) => l.type).slice(-3)).toEqual(['globalAvgPool', 'dropout', 'dense']);
    expect(spec.layers.some((l) => l.type === 'flatten')).toBe(false);
  });

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
