import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomImages } from '../../helpers/randomImages';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { trainingConfigSchema } from '../../../src/engine/train/config';
import { TrainingRun, type TrainingData } from '../../../src/engine/train/trainer';

// Step one batch: from a pause, exactly one more step is trained and reported, then the run is paused again.

const SPEC: ModelSpec = { inputShape: [4, 4, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 2, activation: 'softmax' }] };
const data: TrainingData = { imageShape: [4, 4, 1], numClasses: 2, train: randomImages(80, 16, 2, 3), validation: randomImages(0, 16, 2, 4), test: randomImages(8, 16, 2, 5) };
const config = trainingConfigSchema.parse({ optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 8, epochs: 1, seed: 1, subsets: { train: 80, validation: 0, test: 8 } });

describe('step one batch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains and reports exactly one more step from a pause, then pauses again', async () => {
    const log: string[] = [];
    let pauses = 0;
    const holder: { run?: TrainingRun } = {};
    const run = new TrainingRun(SPEC, config, data, (e) => {
      if (e.kind === 'batches') log.push(...e.items.map((b) => `step ${b.step}`));
      if (e.kind === 'paused') {
        log.push('paused');
        pauses++;
        // Twice a single step, then on to the end.
        setTimeout(() => (pauses <= 2 ? holder.run!.control.stepOnce() : holder.run!.control.resume()), 10);
      }
    });
    holder.run = run;
    run.control.pause(); // lands before the first or the second step
    await run.done;
    const first = log.indexOf('paused');
    const k = log.slice(0, first).length; // steps reported before the first pause
    expect(log.slice(first, first + 5)).toEqual(['paused', `step ${k}`, 'paused', `step ${k + 1}`, 'paused']);
    expect(log.filter((l) => l.startsWith('step'))).toHaveLength(10);
  });
});
