import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import type { BatchMetrics, EpochMetrics } from '../../../src/engine/train/events';
import { getPreset } from '../../../src/engine/spec/presets';
import type { Run } from '../../../src/state/runs';
import { IDLE_RUN } from '../../../src/state/store';


/**
 * A finished run as the trainer's events would leave it: `losses` per batch (accuracy = 1 − loss / 3),
 * a validation result per epoch, and reads every `readEvery` batches at `msPerBatch`.
 */
export function finishedRun(
  over: Omit<Partial<Run>, 'config'> & { losses?: number[]; config?: Partial<TrainingConfig>; msPerBatch?: number; readEvery?: number } = {},
): Run {
  const { losses = [2.3, 2.1, 1.8, 1.5, 1.2, 1.0], msPerBatch = 100, readEvery = 2, ...rest } = over;
  const config: TrainingConfig = { ...DEFAULT_TRAINING, epochs: 2, batchSize: 32, subsets: { train: 80, validation: 20, test: 10 }, ...over.config };
  const perEpoch = Math.ceil(config.subsets.train / config.batchSize);
  const batches: BatchMetrics[] = losses.map((loss, step) => ({ epoch: Math.floor(step / perEpoch), batch: step % perEpoch, step, loss, accuracy: 1 - loss / 3, penalty: 0 }));
  const epochs: EpochMetrics[] = Array.from({ length: Math.floor(losses.length / perEpoch) }, (_, e) => ({
    epoch: e,
    trainLoss: losses[e * perEpoch],
    trainAccuracy: 0.5,
    valLoss: 2 - e * 0.5,
    valAccuracy: 0.6 + e * 0.1,
  }));
  const timeMarks: [number, number][] = [];
  for (let done = readEvery; done <= losses.length; done += readEvery) timeMarks.push([done, done * msPerBatch]);
  if (losses.length % readEvery) timeMarks.push([losses.length, losses.length * msPerBatch]);
  return {
    ...IDLE_RUN,
    status: 'done',
    id: 'run-1',
    name: 'Adam η=0.003',
    colour: '#4e79a7',
    hidden: false,
    createdAt: 1,
    datasetId: 'mnist',
    spec: getPreset('lenet5').build([28, 28, 1], 10),
    backend: 'cpu',
    params: 61706,
    progress: {
      epoch: config.epochs - 1,
      batch: 0,
      batchesPerEpoch: perEpoch,
      epochs: config.epochs,
      step: losses.length,
      totalSteps: perEpoch * config.epochs,
      imagesPerSec: 320,
      elapsedMs: losses.length * msPerBatch,
      etaMs: 0,
    },
    batches,
    epochs,
    test: { loss: 0.9, accuracy: 0.7, confusion: [[7, 3], [0, 0]], samples: [{ index: 0, label: 1, predicted: 1, confidence: 0.8 }] },
    tensors: { before: 3, after: 3 },
    timeMarks,
    ...rest,
    config,
  };
}
