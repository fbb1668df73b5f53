import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kerasScript } from '../../../src/engine/export/keras';
import { pytorchScript } from '../../../src/engine/export/pytorch';
import { INIT_TYPES } from '../../../src/engine/model/initSpec';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import { batchLoss } from '../../../src/engine/train/losses';
import { LOSS_TYPES, type LossType } from '../../../src/engine/train/lossSpec';
import { MIXED_CASE } from './fixtures';
import { compileAll, pythonWithTorch, runPython, withFiles } from './python';

// The scripts train what the app trained: the run's loss and initialisation, written out for Keras and
// PyTorch. Where PyTorch is installed, the script's own loss function gives the app's numbers on the same
// scores, and its initialised weights have the app's statistics.

const SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 200, activation: 'tanh' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
const config = (over: Partial<TrainingConfig>): TrainingConfig => ({ ...DEFAULT_TRAINING, ...over });

describe('the exported scripts use the run’s loss and initialisation', () => {
  it('the default (cross-entropy, by activation) is written as before: built-in cross-entropy, He before relu, Glorot before tanh', () => {
    const keras = kerasScript(SPEC, DEFAULT_TRAINING, 'mnist');
    expect(keras).toContain('loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)');
    expect(keras).toMatch(/Conv2D\(6, 5,.*kernel_initializer=he_normal\(25\)/);
    expect(keras).toMatch(/Dense\(200,.*kernel_initializer="glorot_uniform"/);
    const torch = pytorchScript(SPEC, DEFAULT_TRAINING, 'mnist');
    expect(torch).toContain('return nn.functional.cross_entropy(logits, y, reduction=reduction)');
    expect(torch).toContain('he_normal_(model.l0_conv2d.weight)');
    expect(torch).toContain('nn.init.xavier_uniform_(model.l3_dense.weight)');
    expect(torch).toContain('softmax cross-entropy on logits');
  });

  it.each(LOSS_TYPES)('%s: both scripts write that loss, use it for training and evaluation, and compile', (loss) => {
    const keras = kerasScript(SPEC, config({ loss }), 'mnist');
    const scg = kerasScript(SPEC, config({ loss, optimizer: { type: 'scg', sigma: 5e-5, lambda: 5e-7 } }), 'mnist');
    const torch = pytorchScript(SPEC, config({ loss }), 'mnist');
    const make = { crossEntropy: 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)', mse: 'MseOnSoftmax()', hinge: 'MulticlassHinge()' }[loss];
    expect(keras).toContain(`model.compile(optimizer=make_optimizer(), loss=${make}`);
    expect(scg).toContain(`loss_fn = ${make}`);
    if (loss === 'mse') expect(keras).toContain('class MseOnSoftmax(keras.losses.Loss)');
    if (loss === 'hinge') expect(keras).toContain('class MulticlassHinge(keras.losses.Loss)');
    if (loss !== 'crossEntropy') expect(keras).not.toContain('SparseCategoricalCrossentropy');
    // PyTorch: one data_loss, for the training objective and the evaluation alike.
    expect(torch.match(/^def data_loss\(/gm)).toHaveLength(1);
    expect(torch).toContain('loss_fn = data_loss');
    expect(torch).toContain('loss += float(data_loss(logits, yb, reduction="sum"))');
    if (loss !== 'crossEntropy') expect(torch).not.toContain('cross_entropy(');
    compileAll({ 'keras.py': keras, 'keras_scg.py': scg, 'torch.py': torch });
  });

  it.each(INIT_TYPES)('%s: every kernel is initialised as the app does it, and the scripts compile', (init) => {
    const keras = kerasScript(SPEC, config({ init }), 'mnist');
    const torch = pytorchScript(SPEC, config({ init }), 'mnist');
    const expected = {
      auto: { conv: 'he_normal(25)', dense: '"glorot_uniform"', torchConv: 'he_normal_(', torchDense: 'nn.init.xavier_uniform_(' },
      he: { conv: 'he_normal(25)', dense: 'he_normal(864)', torchConv: 'he_normal_(', torchDense: 'he_normal_(' },
      glorot: { conv: '"glorot_uniform"', dense: '"glorot_uniform"', torchConv: 'nn.init.xavier_uniform_(', torchDense: 'nn.init.xavier_uniform_(' },
      smallNormal: { conv: 'keras.initializers.RandomNormal(stddev=0.01)', dense: 'keras.initializers.RandomNormal(stddev=0.01)', torchConv: 'nn.init.normal_(', torchDense: 'nn.init.normal_(' },
    }[init];
    expect(keras).toMatch(new RegExp(`Conv2D\\(6, 5,.*kernel_initializer=${expected.conv.replace(/[().]/g, '\\$&')}`));
    expect(keras).toMatch(new RegExp(`Dense\\(200,.*kernel_initializer=${expected.dense.replace(/[().]/g, '\\$&')}`));
    expect(torch).toContain(`${expected.torchConv}model.l0_conv2d.weight`);
    expect(torch).toContain(`${expected.torchDense}model.l3_dense.weight`);
    // The helper is written only when a kernel uses it.
    expect(torch.includes('def he_normal_(')).toBe(expected.torchConv === 'he_normal_(' || expected.torchDense === 'he_normal_(');
    compileAll({ 'keras.py': keras, 'torch.py': torch });
  });

  it('the header says which loss and initialisation the script uses', () => {
    const torch = pytorchScript(SPEC, config({ loss: 'hinge', init: 'smallNormal' }), 'mnist');
    const header = torch.split('\n').filter((l) => l.startsWith('#')).join(' ');
    expect(header).toMatch(/multi-class hinge/);
    expect(header).toMatch(/σ = 0\.01 for every kernel/);
  });
});

const python = pythonWithTorch();

describe.skipIf(python === null)(`PyTorch: the script's loss and initialisation in numbers (${python ?? 'no torch here'})`, () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const SCORES = [
    [2, 1.5, 0, -1, 0.3, 0.1, 0, 0, 0.2, -2],
    [0, 1, 3, 0.5, -0.5, 0, 0, 1.2, 0, 0],
    [-1, -1, -1, -1, -1, -1, -1, -1, -1, 4],
  ];
  const LABELS = [0, 1, 9];

  it.each(LOSS_TYPES)('%s: data_loss gives the app’s mean and sum on the same scores', (loss: LossType) => {
    const script = pytorchScript(SPEC, config({ loss }), 'mnist');
    const out = withFiles({ 'exported.py': script }, (p) =>
      runPython(python!, [
        '-c',
        [
          'import sys, torch',
          `sys.path.insert(0, ${JSON.stringify(p['exported.py'].replace(/\/exported\.py$/, ''))})`,
          'import exported',
          `s = torch.tensor(${JSON.stringify(SCORES)}, dtype=torch.float32)`,
          `y = torch.tensor(${JSON.stringify(LABELS)})`,
          'print(float(exported.data_loss(s, y)), float(exported.data_loss(s, y, reduction="sum")))',
        ].join('\n'),
      ]),
    );
    const [mean, sum] = out.trim().split(/\s+/).map(Number);
    const oneHot = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 10);
    const scores = tf.tensor2d(SCORES);
    expect(mean).toBeCloseTo(batchLoss(loss, oneHot, scores).dataSync()[0], 5);
    expect(sum).toBeCloseTo(batchLoss(loss, oneHot, scores, 'sum').dataSync()[0], 4);
  }, 60_000);

  it('build_model starts the kernels with the app’s statistics for each initialisation', () => {
    const measure = (init: (typeof INIT_TYPES)[number]) =>
      withFiles({ 'exported.py': pytorchScript(SPEC, config({ init }), 'mnist') }, (p) =>
        JSON.parse(
          runPython(python!, [
            '-c',
            [
              'import sys, json, torch',
              `sys.path.insert(0, ${JSON.stringify(p['exported.py'].replace(/\/exported\.py$/, ''))})`,
              'import exported',
              'torch.manual_seed(0)',
              'm = exported.build_model()',
              'w = m.l3_dense.weight.detach()',
              'print(json.dumps({"std": float(w.std()), "max": float(w.abs().max())}))',
            ].join('\n'),
          ]),
        ) as { std: number; max: number },
      );
    // The dense layer: fan-in 12·12·6 = 864, 200 units.
    const he = measure('he');
    expect(he.std / Math.sqrt(2 / 864)).toBeGreaterThan(0.85);
    expect(he.std / Math.sqrt(2 / 864)).toBeLessThan(0.91);
    const glorot = measure('glorot');
    expect(glorot.max).toBeLessThanOrEqual(Math.sqrt(6 / (864 + 200)) + 1e-6);
    expect(glorot.std).toBeCloseTo(Math.sqrt(6 / (864 + 200)) / Math.sqrt(3), 3);
    const small = measure('smallNormal');
    expect(small.std).toBeGreaterThan(0.0097);
    expect(small.std).toBeLessThan(0.0103);
  }, 120_000);

  it('a hinge run from small random weights trains on random images without a NaN', () => {
    const out = withFiles({ 'run.py': pytorchScript(MIXED_CASE.spec, config({ loss: 'hinge', init: 'smallNormal' }), MIXED_CASE.datasetId) }, (p) =>
      runPython(python!, [p['run.py'], '--smoke']),
    );
    expect(out).toMatch(/^epoch 2\/2: loss \d+\.\d+/m);
    expect(out).toMatch(/^test: loss \d+\.\d+, accuracy [\d.]+ on 64 images$/m);
    expect(out).not.toMatch(/nan/i);
  }, 60_000);
});
