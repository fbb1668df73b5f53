import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { scheduleCode } from '../../../src/engine/export/common';
import { baseLearningRate as exportBaseRate, describeExperiment, endsWithSoftmax as exportEndsWithSoftmax, LEAKY_RELU_ALPHA as EXPORT_ALPHA } from '../../../src/engine/export/experiment';
import { scriptFileName } from '../../../src/engine/export/fileName';
import { pyFloat, pyStr } from '../../../src/engine/export/python';
import { samePadding } from '../../../src/engine/export/torchModel';
import { endsWithSoftmax, LEAKY_RELU_ALPHA } from '../../../src/engine/model/build';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import { defaultOptimizer, OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';
import { baseLearningRate } from '../../../src/engine/train/optimizers';
import { learningRateFactor } from '../../../src/engine/train/schedule';
import { CASES, MIXED_CASE } from './fixtures';

// The pieces both scripts share: the schedule in Python against the app's own, TensorFlow's 'same'
// padding, literals, file names, and the engine facts the exporters copy rather than import (importing
// them would load tfjs on the page's main thread).

describe('lr_factor in Python', () => {
  const schedules: TrainingConfig['schedule'][] = [
    { type: 'constant', warmupEpochs: 1.5 },
    { type: 'step', everyEpochs: 0.3, factor: 0.5, warmupEpochs: 0 },
    { type: 'step', everyEpochs: 2, factor: 0.1, warmupEpochs: 0.5 },
    { type: 'exponential', factor: 0.7, warmupEpochs: 1 },
    { type: 'cosine', floor: 0, warmupEpochs: 0 },
    { type: 'cosine', floor: 0.2, warmupEpochs: 0.25 },
  ];
  it.each(schedules)('equals the app\'s learningRateFactor at every step: $type, warm-up $warmupEpochs', (schedule) => {
    // 10 batches an epoch (the last smaller), 4 epochs.
    const config: TrainingConfig = { ...DEFAULT_TRAINING, schedule, batchSize: 96, epochs: 4, subsets: { train: 913, validation: 0, test: 10 } };
    const e = describeExperiment(MIXED_CASE.spec, config, 'mnist');
    const program = ['import json, math', 'STEPS_PER_EPOCH = 10', scheduleCode(e), 'print(json.dumps([lr_factor(s) for s in range(TOTAL_STEPS)]))'].join('\n');
    const python = JSON.parse(execFileSync('python3', ['-c', program], { encoding: 'utf8' })) as number[];
    expect(python).toHaveLength(40);
    python.forEach((factor, step) => expect(factor, `step ${step}`).toBeCloseTo(learningRateFactor(schedule, step, 10, 40), 12));
  });
});

describe("TensorFlow's 'same' padding, written out for PyTorch", () => {
  it('gives ⌈size / stride⌉ outputs, the odd pixel after', () => {
    for (let size = 1; size <= 40; size++) {
      for (let k = 1; k <= 7; k++) {
        for (let s = 1; s <= 4; s++) {
          const [before, after] = samePadding(size, k, s);
          expect(after - before === 0 || after - before === 1).toBe(true);
          expect(Math.floor((size + before + after - k) / s) + 1).toBe(Math.ceil(size / s));
        }
      }
    }
    expect(samePadding(28, 3, 2)).toEqual([0, 1]);
    expect(samePadding(28, 4, 1)).toEqual([1, 2]);
    expect(samePadding(28, 5, 1)).toEqual([2, 2]);
  });
});

describe('what the exporters copy from the engine', () => {
  it('agrees with build.ts and optimizers.ts', () => {
    expect(EXPORT_ALPHA).toBe(LEAKY_RELU_ALPHA);
    for (const { spec } of CASES) expect(exportEndsWithSoftmax(spec)).toBe(endsWithSoftmax(spec));
    for (const type of OPTIMIZER_TYPES) expect(exportBaseRate(defaultOptimizer(type))).toBe(baseLearningRate(defaultOptimizer(type)));
  });
});

describe('Python literals and file names', () => {
  it('writes floats as floats and strings Python reads back', () => {
    expect([pyFloat(1), pyFloat(0.001), pyFloat(1e-7), pyFloat(5e-5), pyFloat(1e21)]).toEqual(['1.0', '0.001', '1e-7', '0.00005', '1e+21']);
    const tricky = 'a "run"\n\\ 中文 \u2028';
    const back = execFileSync('python3', ['-c', `import sys; sys.stdout.write(${pyStr(tricky)}.encode('unicode_escape').decode())`], { encoding: 'utf8' });
    expect(back).toBe('a "run"\\n\\\\ \\u4e2d\\u6587 \\u2028');
  });

  it('names the script after the run, as a valid module name', () => {
    expect(scriptFileName('LeNet-5 on MNIST (Adam)', 'keras')).toBe('lenet_5_on_mnist_adam_keras.py');
    expect(scriptFileName('2 epochs', 'pytorch')).toBe('run_2_epochs_pytorch.py');
    expect(scriptFileName('运行', 'pytorch')).toBe('cnn_playground_pytorch.py');
  });
});

describe('the export buttons in both languages', () => {
  it('has the same codeExport keys and placeholders in English and Chinese', async () => {
    const { en } = await import('../../../src/i18n/en');
    const { zh } = await import('../../../src/i18n/zh');
    expect(Object.keys(zh.codeExport).sort()).toEqual(Object.keys(en.codeExport).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    for (const key of Object.keys(en.codeExport) as (keyof typeof en.codeExport)[]) {
      expect(placeholders(zh.codeExport[key]), key).toEqual(placeholders(en.codeExport[key]));
    }
  });
});
