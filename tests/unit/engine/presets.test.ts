import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze.ts';
import { PRESETS, getPreset } from '../../../src/engine/spec/presets.ts';

const INPUTS: [number, number, number][] = [
  [28, 28, 1],
  [32, 32, 3],
];

describe('presets', () => {
  it('has both LeNets and the minis of AlexNet, VGG, GoogLeNet and ResNet in the course\'s order, found by id', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['lenet5', 'lenet-modern', 'alexnet-mini', 'vgg-mini', 'googlenet-mini', 'resnet-mini']);
    expect(getPreset('lenet5')).toBe(PRESETS[0]);
    expect(getPreset('nope')).toBeUndefined();
  });

  for (const preset of PRESETS) {
    for (const input of INPUTS) {
      it(`${preset.id} analyses without issues on ${input.join('×')}`, () => {
        const a = analyzeModel(preset.build(input, 10), 10);
        expect(a.issues).toEqual([]);
        expect(a.outputShape).toEqual([10]);
      });
    }
  }

  it('LeNet-5 reaches the paper\'s 28×28 C1 maps from both 28×28 and 32×32 inputs', () => {
    for (const input of INPUTS) {
      const a = analyzeModel(getPreset('lenet5').build(input, 10), 10);
      expect(a.layers.map((l) => l.outputShape)).toEqual([
        [28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10],
      ]);
    }
  });

  it('modern LeNet keeps the input size in its first conv', () => {
    const a = analyzeModel(getPreset('lenet-modern').build([32, 32, 3], 10), 10);
    expect(a.layers.map((l) => l.outputShape)).toEqual([
      [32, 32, 6], [16, 16, 6], [12, 12, 16], [6, 6, 16], [576], [120], [84], [10],
    ]);
  });

  it('LeNet-5 follows the paper: tanh, average pools, softmax output', () => {
    const spec = getPreset('lenet5').build([32, 32, 1], 10);
    expect(spec.layers.map((l) => l.type)).toEqual(['conv2d', 'avgPool', 'conv2d', 'avgPool', 'flatten', 'dense', 'dense', 'dense']);
    expect(spec.layers[0]).toMatchObject({ padding: 'valid', activation: 'tanh', filters: 6, kernelSize: 5 });
    expect(getPreset('lenet5').build([28, 28, 1], 10).layers[0]).toMatchObject({ padding: 'same' });
    expect(spec.layers[7]).toEqual({ type: 'dense', units: 10, activation: 'softmax' });
  });

  it('modern LeNet uses relu and max pools', () => {
    const spec = getPreset('lenet-modern').build([28, 28, 1], 10);
    expect(spec.layers.filter((l) => l.type === 'maxPool')).toHaveLength(2);
    expect(spec.layers.flatMap((l) => ('activation' in l ? [l.activation] : []))).toEqual(['relu', 'relu', 'relu', 'relu', 'softmax']);
  });

  it('sizes the output to the number of classes', () => {
    for (const preset of PRESETS) {
      const a = analyzeModel(preset.build([28, 28, 1], 7), 7);
      expect(a.ok).toBe(true);
      expect(a.outputShape).toEqual([7]);
    }
  });

  it('counts 61706 parameters for LeNet-5 on MNIST and 62006 on 32×32×3', () => {
    expect(analyzeModel(getPreset('lenet5').build([28, 28, 1], 10), 10).totalParams).toBe(61706);
    // Only conv1 changes: 6·(5·5·3)+6 = 456 instead of 156.
    expect(analyzeModel(getPreset('lenet5').build([32, 32, 3], 10), 10).totalParams).toBe(62006);
  });
});
