import { describe, expect, it } from 'vitest';
import { kerasScript } from '../../../src/engine/export/keras';
import { pytorchScript } from '../../../src/engine/export/pytorch';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import { CASES, MIXED_CASE, optimizerConfigs } from './fixtures';
import { compileAll } from './python';

// The generated scripts are valid Python and state the app's parameter counts. Keras is not installed
// on these machines, so for Keras this (with the reading in torch.test.ts of the shared parts) is all.

const stated = (script: string, constant: string): number => {
  const match = new RegExp(`^${constant} = (\\d+)$`, 'm').exec(script);
  if (!match) throw new Error(`the script has no ${constant}`);
  return Number(match[1]);
};

describe.each(CASES)('scripts for $name', ({ spec, datasetId }) => {
  const analysis = analyzeModel(spec, 10);
  const keras = kerasScript(spec, DEFAULT_TRAINING, datasetId, { title: 'a "quoted"\nname' });
  const pytorch = pytorchScript(spec, DEFAULT_TRAINING, datasetId);

  it('compile', () => {
    expect(analysis.ok).toBe(true);
    compileAll({ 'keras_script.py': keras, 'pytorch_script.py': pytorch });
  });

  it.each([
    ['Keras', keras],
    ['PyTorch', pytorch],
  ])('%s states the analysed parameter counts and asserts them', (_, script) => {
    expect(stated(script, 'EXPECTED_PARAMS')).toBe(analysis.totalParams);
    expect(stated(script, 'EXPECTED_TRAINABLE_PARAMS')).toBe(analysis.trainableParams);
    expect(script).toContain('assert total == EXPECTED_PARAMS');
  });

  it('use the usual loaders for the dataset', () => {
    const loader = { mnist: ['mnist', 'MNIST'], 'fashion-mnist': ['fashion_mnist', 'FashionMNIST'], cifar10: ['cifar10', 'CIFAR10'] }[datasetId];
    expect(keras).toContain(`keras.datasets.${loader[0]}.load_data()`);
    expect(pytorch).toContain(`datasets.${loader[1]}(root, train=True, download=True)`);
  });
});

describe('scripts for every optimizer', () => {
  const configs = optimizerConfigs();

  it('compile with each optimizer, schedule, weight decay and early stopping', () => {
    const files: Record<string, string> = {};
    for (const { name, config } of configs) {
      files[`keras_${name}.py`] = kerasScript(MIXED_CASE.spec, config, MIXED_CASE.datasetId);
      files[`pytorch_${name}.py`] = pytorchScript(MIXED_CASE.spec, config, MIXED_CASE.datasetId);
    }
    compileAll(files);
  });

  it('map the app optimizers Keras and PyTorch have to theirs and write the others out', () => {
    const make = (type: string, framework: 'keras' | 'pytorch') => {
      const { config } = configs.find((c) => c.name === type)!;
      const script = (framework === 'keras' ? kerasScript : pytorchScript)(MIXED_CASE.spec, config, MIXED_CASE.datasetId);
      return /^ {4}return (.+)$/m.exec(script.slice(script.indexOf('def make_optimizer')))?.[1] ?? script;
    };
    expect(make('nesterov', 'keras')).toMatch(/keras\.optimizers\.SGD\(.*nesterov=True/);
    expect(make('nesterov', 'pytorch')).toMatch(/torch\.optim\.SGD\(.*nesterov=True/);
    expect(make('adamax', 'keras')).toMatch(/keras\.optimizers\.Adamax\(/);
    expect(make('adamax', 'pytorch')).toMatch(/torch\.optim\.Adamax\(/);
    expect(make('rprop', 'pytorch')).toBe('torch.optim.Rprop(params, lr=0.01, etas=(0.5, 1.2), step_sizes=(0.000001, 50.0))');
    expect(make('rprop', 'keras')).toMatch(/^IRpropMinus\(/);
    expect(make('manhattan', 'keras')).toMatch(/^Manhattan\(/);
    expect(make('manhattan', 'pytorch')).toMatch(/^Manhattan\(/);
    expect(make('scg', 'pytorch')).toMatch(/^TorchScg\(params, sigma=0\.00005, lam=5e-7\)/);
    const scgKeras = kerasScript(MIXED_CASE.spec, configs.find((c) => c.name === 'scg')!.config, 'mnist');
    expect(scgKeras).toContain('scg = KerasScg(model');
    expect(scgKeras).not.toContain('def make_optimizer');
  });

  it('put weight decay on kernels only, schedule per step, and early stopping with the patience', () => {
    const config = { ...DEFAULT_TRAINING, l1: 1e-5, l2: 1e-4, earlyStoppingPatience: 2 };
    const keras = kerasScript(MIXED_CASE.spec, config, 'mnist');
    const pytorch = pytorchScript(MIXED_CASE.spec, config, 'mnist');
    expect(keras).toContain('L1, L2 = 0.00001, 0.0001');
    expect(keras).toContain('kernel_regularizer=weight_decay');
    expect(keras).not.toMatch(/bias_regularizer/);
    expect(keras).toContain('EarlyStopping(monitor="val_loss", patience=PATIENCE, min_delta=0, restore_best_weights=RESTORE_BEST)');
    expect(keras).toContain('callbacks.append(StepSchedule())');
    expect(pytorch).toContain('isinstance(m, (nn.Conv2d, nn.Linear))');
    expect(pytorch).toContain('return loss + penalty(model)');
    expect(pytorch).toContain('scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)');
    expect(pytorch).toContain('PATIENCE = 2');
  });
});

describe('export refuses what the app would not train', () => {
  it('a spec with problems, a spec for another dataset, invalid settings', () => {
    const broken = { inputShape: [28, 28, 1], layers: [{ type: 'dense', units: 10 }] } as never;
    expect(() => kerasScript(broken, DEFAULT_TRAINING, 'mnist')).toThrow(/flatten/);
    expect(() => pytorchScript(CASES[0].spec, DEFAULT_TRAINING, 'cifar10')).toThrow(/28×28×1 images but CIFAR-10 has 32×32×3/);
    expect(() => pytorchScript(CASES[0].spec, { ...DEFAULT_TRAINING, batchSize: 0 }, 'mnist')).toThrow(/batch size/);
  });
});
