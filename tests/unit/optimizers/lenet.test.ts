import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineSession } from '../../../src/engine/session';
import { getPreset } from '../../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import type { TrainEvent } from '../../../src/engine/train/events';
import { defaultOptimizer, type OptimizerType } from '../../../src/engine/train/optimizerSpec';
import { registerWasmSpeedups, registerWasmTrainingKernels } from '../../../src/engine/wasm/register';
import { loadIdxDataset } from '../../helpers/mnist';

// Each course optimizer, with the defaults the app gives it (and the app's default schedule), trains
// LeNet-5 on real MNIST well above chance (10 %). Rprop and SCG run in their large-batch mode.
// The wasm backend with the project's training kernels does ~1,000 LeNet-5 images/s in Node where cpu
// does ~100, so it is used when it starts; on cpu the same test is just slower.

let session: EngineSession;
let backend = 'cpu';

beforeAll(async () => {
  registerWasmTrainingKernels();
  registerWasmSpeedups();
  backend = (await tf.setBackend('wasm')) ? 'wasm' : 'cpu';
  if (backend === 'cpu') await tf.setBackend('cpu');
  session = new EngineSession('http://unused/');
  session.addDataset(loadIdxDataset('mnist'));
});

const spec = getPreset('lenet5').build([28, 28, 1], 10);

const cases: { type: OptimizerType; batchSize: number; epochs: number }[] = [
  { type: 'nesterov', batchSize: DEFAULT_TRAINING.batchSize, epochs: 1 },
  // Not course optimizers, but our own classes too: a correct Adadelta, a leak-free momentum.
  { type: 'adadelta', batchSize: DEFAULT_TRAINING.batchSize, epochs: 1 },
  { type: 'momentum', batchSize: DEFAULT_TRAINING.batchSize, epochs: 1 },
  { type: 'adamax', batchSize: DEFAULT_TRAINING.batchSize, epochs: 1 },
  { type: 'manhattan', batchSize: DEFAULT_TRAINING.batchSize, epochs: 1 },
  // 500-image batches: 4 steps an epoch, 12 in all.
  { type: 'rprop', batchSize: 500, epochs: 3 },
  { type: 'scg', batchSize: 500, epochs: 3 },
];

describe('the course optimizers train LeNet-5 on MNIST with their default settings', () => {
  it.each(cases)('$type (batch $batchSize, $epochs epochs)', async ({ type, batchSize, epochs }) => {
    const events: TrainEvent[] = [];
    const config = {
      ...DEFAULT_TRAINING,
      optimizer: defaultOptimizer(type),
      batchSize,
      epochs,
      seed: 5,
      subsets: { train: 2000, validation: 200, test: 500 },
    };
    const memory = await session.train('mnist', spec, config, (e) => events.push(e));
    const start = events.find((e) => e.kind === 'start');
    expect(start).toMatchObject({ backend });
    const losses = events.flatMap((e) => (e.kind === 'batches' ? e.items.map((i) => i.loss) : []));
    expect(losses.every(Number.isFinite)).toBe(true);
    const done = events.at(-1);
    if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
    console.log(`LeNet-5 / MNIST on ${backend}, ${type}: test accuracy ${(done.test.accuracy * 100).toFixed(1)} % after ${losses.length} steps`);
    expect(done.test.accuracy).toBeGreaterThan(0.5);
    // The loss fell: the last steps' mean is well under the untrained ln 10 ≈ 2.3.
    const tail = losses.slice(-3);
    expect(tail.reduce((a, b) => a + b, 0) / tail.length).toBeLessThan(1.5);
    expect(memory.tensorsAfter).toBe(memory.tensorsBefore);
  });
});
