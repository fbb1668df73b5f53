import type { Lesson } from './types';

// Metrics (course seed topic: evaluation): Fashion-MNIST, where shirts, T-shirts, pullovers and coats are
// confused often enough that precision, recall, F1 and the curves differ visibly by class.
export const METRICS: Lesson = {
  id: 'metrics',
  minutes: 45,
  steps: [
    {
      key: 'train',
      experiment: {
        dataset: 'fashion-mnist',
        preset: 'lenet-modern',
        augment: false,
        training: {
          epochs: 2,
          batchSize: 32,
          seed: 42,
          subsets: { train: 5000, validation: 500, test: 2000 },
          optimizer: { type: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
          schedule: { type: 'cosine', floor: 0, warmupEpochs: 0 },
          l2: 0,
          earlyStoppingPatience: 0,
        },
      },
      check: { kind: 'runFinished' },
      panel: 'training-panel',
    },
    { key: 'confusion', check: { kind: 'evaluated' }, panel: 'kept-model-panel' },
    { key: 'precision', check: { kind: 'evaluated' }, panel: 'per-class-metrics' },
    { key: 'f1', check: { kind: 'evaluated' }, panel: 'per-class-metrics' },
    { key: 'roc', check: { kind: 'evaluated' }, panel: 'roc-curves' },
    { key: 'full', check: { kind: 'evaluated', split: 'full' }, panel: 'kept-model-panel' },
  ],
};
