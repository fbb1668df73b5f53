import { describe, expect, it } from 'vitest';
import { pytorchScript } from '../../../src/engine/export/pytorch';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import { defaultOptimizer } from '../../../src/engine/train/optimizerSpec';
import { CASES, MIXED_CASE } from './fixtures';
import { pythonWithTorch, runPython, withFiles } from './python';

// Where PyTorch is installed (Debian: apt-get install python3-torch), the PyTorch scripts build their
// models: the parameter counts and output shapes must be the app's. A few short runs on random images
// (--smoke, no dataset download) check the written-out optimizers, the schedule and the penalty.

const python = pythonWithTorch();
const NO_TORCH = 'no python3 here can import torch (Debian: apt-get install -y python3-torch)';

function parseBuild(out: string): { total: number; trainable: number; shape: number[] } {
  const counts = /^parameters: (\d+) \(trainable: (\d+)\)$/m.exec(out);
  const shape = /^output shape: \[([\d, ]+)\]$/m.exec(out);
  if (!counts || !shape) throw new Error(`unexpected output:\n${out}`);
  return { total: Number(counts[1]), trainable: Number(counts[2]), shape: shape[1].split(',').map(Number) };
}

describe.skipIf(python === null)(`PyTorch scripts (${python ?? NO_TORCH})`, () => {
  it.each(CASES)('$name: --build-only builds the model with the app\'s parameter count and output shape', ({ spec, datasetId }) => {
    const analysis = analyzeModel(spec, 10);
    const out = withFiles({ 'model.py': pytorchScript(spec, DEFAULT_TRAINING, datasetId) }, (p) => runPython(python!, [p['model.py'], '--build-only']));
    const built = parseBuild(out);
    expect(built.total).toBe(analysis.totalParams);
    expect(built.trainable).toBe(analysis.trainableParams);
    expect(built.shape).toEqual([2, ...analysis.outputShape!]);
  }, 60_000);

  const smoke: { name: string; config: TrainingConfig }[] = [
    {
      name: 'SCG with L2 and early stopping',
      config: { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('scg'), batchSize: 200, l2: 1e-4, earlyStoppingPatience: 1 },
    },
    {
      name: 'iRprop− with L1',
      config: { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('rprop'), batchSize: 200, l1: 1e-5 },
    },
    {
      name: 'Manhattan with a warm-up and a step schedule',
      config: { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('manhattan'), schedule: { type: 'step', everyEpochs: 0.5, factor: 0.5, warmupEpochs: 0.5 } },
    },
  ];
  it.each(smoke)('$name: --smoke trains two epochs and tests', ({ config }) => {
    const out = withFiles({ 'run.py': pytorchScript(MIXED_CASE.spec, config, MIXED_CASE.datasetId) }, (p) => runPython(python!, [p['run.py'], '--smoke']));
    expect(out).toMatch(/^epoch 1\/2: loss \d+\.\d+, accuracy [\d.]+, validation loss \d+\.\d+/m);
    expect(out).toMatch(/^test: loss \d+\.\d+, accuracy [\d.]+ on 64 images$/m);
    expect(out).not.toMatch(/nan/i);
  }, 60_000);
});
