import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, endsWithSoftmax, finalActivation, specIndexOfLayerName, tfLayerName } from '../../../src/engine/model/build.ts';
import { analyzeModel } from '../../../src/engine/spec/analyze.ts';
import { SpecError } from '../../../src/engine/spec/issues.ts';
import type { ModelSpec } from '../../../src/engine/spec/layers.ts';
import { PRESETS, getPreset } from '../../../src/engine/spec/presets.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every layer type and every activation, including a softmax before the end and a trailing one. */
const everything: ModelSpec = {
  inputShape: [12, 12, 2],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'batchNorm' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'conv2d', filters: 6, kernelSize: 3, strides: 2, padding: 'valid', activation: 'leakyRelu' },
    { type: 'avgPool', poolSize: 2, strides: 1 },
    { type: 'activation', activation: 'elu' },
    { type: 'dropout', rate: 0.3 },
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'sigmoid' },
    { type: 'dense', units: 12, activation: 'tanh' },
    { type: 'activation', activation: 'leakyRelu' },
    { type: 'dense', units: 8, activation: 'softmax' },
    { type: 'batchNorm' },
    { type: 'dense', units: 8, activation: 'elu' },
    { type: 'activation', activation: 'linear' },
    { type: 'dense', units: 5, activation: 'linear' },
    { type: 'activation', activation: 'softmax' },
  ],
};

function cases(): [string, ModelSpec][] {
  const out: [string, ModelSpec][] = [['every layer type', everything]];
  for (const preset of PRESETS) {
    for (const input of [[28, 28, 1], [32, 32, 3]] as [number, number, number][]) {
      out.push([`${preset.id} on ${input.join('×')}`, preset.build(input, 10)]);
    }
  }
  return out;
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('buildModel', () => {
  for (const [label, spec] of cases()) {
    it(`matches analyzeModel for ${label}`, () => {
      const analysis = analyzeModel(spec, null);
      expect(analysis.issues).toEqual([]);
      const model = buildModel(spec, { seed: 1 });
      try {
        expect(model.countParams()).toBe(analysis.totalParams);
        const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);
        expect(trainable).toBe(analysis.trainableParams);
        expect(model.inputs[0].shape).toEqual([null, ...spec.inputShape]);

        // The last tfjs layer built for each spec row has that row's output shape.
        const lastShapeBySpecIndex = new Map<number, unknown>();
        for (const layer of model.layers) {
          // A functional model (a spec with blocks) lists its input layer too: no spec row.
          if (layer.getClassName() === 'InputLayer') continue;
          const index = specIndexOfLayerName(layer.name);
          expect(index).not.toBeNull();
          lastShapeBySpecIndex.set(index!, layer.outputShape);
        }
        analysis.layers.forEach((info, index) => {
          const isDroppedSoftmax = index === spec.layers.length - 1 && spec.layers[index].type === 'activation';
          if (isDroppedSoftmax) {
            expect(lastShapeBySpecIndex.has(index)).toBe(false);
          } else {
            expect(lastShapeBySpecIndex.get(index), `layer ${index}`).toEqual([null, ...info.outputShape!]);
          }
        });
      } finally {
        model.dispose();
      }
    });
  }

  it('names tfjs layers after their spec rows', () => {
    const model = buildModel(everything, { seed: 1 });
    const names = model.layers.map((l) => l.name);
    expect(names.slice(0, 5)).toEqual(['l0_conv2d', 'l1_batchNorm', 'l2_maxPool', 'l3_conv2d', 'l3_conv2d_leakyRelu']);
    expect(names).toContain('l10_activation');
    expect(tfLayerName(3, 'conv2d')).toBe('l3_conv2d');
    expect(specIndexOfLayerName('l12_batchNorm')).toBe(12);
    expect(specIndexOfLayerName('dense_Dense1')).toBeNull();
    const leaky = model.getLayer('l3_conv2d_leakyRelu').getConfig();
    expect(leaky.alpha).toBeCloseTo(0.2);
    expect(model.getLayer('l3_conv2d').getConfig().activation).toBe('linear');
    model.dispose();
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const spec = getPreset('lenet-modern').build([28, 28, 1], 10);
    const [a, b, c] = [1, 1, 2].map((seed) => buildModel(spec, { seed }));
    const [wa, wb, wc] = [a, b, c].map(weightsOf);
    expect(wa).toEqual(wb);
    // Every kernel differs (biases start at zero in both).
    const kernels = (w: number[][]) => w.filter((_, i) => i % 2 === 0);
    kernels(wa).forEach((k, i) => expect(k).not.toEqual(kernels(wc)[i]));
    // Layers of one model do not share a random stream.
    expect(wa[6].slice(0, 20)).not.toEqual(wa[8].slice(0, 20));
    [a, b, c].forEach((m) => m.dispose());
  });

  it('outputs logits: a final softmax is left out, an earlier one stays', () => {
    expect(finalActivation(everything)).toBe('softmax');
    expect(endsWithSoftmax(getPreset('lenet5').build([28, 28, 1], 10))).toBe(true);
    expect(endsWithSoftmax({ inputShape: [2, 2, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 4, activation: 'relu' }] })).toBe(false);

    const lenet = buildModel(getPreset('lenet5').build([28, 28, 1], 10), { seed: 3 });
    const last = lenet.layers[lenet.layers.length - 1];
    expect(last.name).toBe('l7_dense');
    expect(last.getConfig().activation).toBe('linear');
    const sums = tf.tidy(() => (lenet.predict(tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 5)) as tf.Tensor).sum(1).arraySync() as number[]);
    expect(sums.some((s) => Math.abs(s - 1) > 1e-3)).toBe(true);
    lenet.dispose();

    const model = buildModel(everything, { seed: 3 });
    expect(model.getLayer('l11_dense').getConfig().activation).toBe('softmax');
    expect(model.layers[model.layers.length - 1].name).toBe('l15_dense');
    model.dispose();
  });

  it('throws the analysis issues for an invalid spec', () => {
    const bad = { inputShape: [28, 28, 1], layers: [{ type: 'conv2d', filters: 4, kernelSize: 3 }, { type: 'dense', units: 10 }] } as ModelSpec;
    expect(() => buildModel(bad, { seed: 1 })).toThrow(SpecError);
    expect(() => buildModel(bad, { seed: 1 })).toThrow('layer 2 dense: expects a flat input but gets 26×26×4 — add a flatten layer before it');
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    for (const [, spec] of cases()) {
      const model = buildModel(spec, { seed: 9 });
      tf.tidy(() => {
        model.predict(tf.zeros([2, ...spec.inputShape]));
      });
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
