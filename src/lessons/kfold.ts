import type { Lesson, StepExperiment } from './types';

// K-fold cross-validation and hyperparameters (course seed topic: model selection): one validation split
// is a noisy judge; K folds give a mean and a spread, and only a difference beyond the spread tells two
// settings apart. Small runs (1,000 images, 2 epochs) so that three cross-validations fit one class.

const BASE: NonNullable<StepExperiment['training']> = {
  epochs: 2,
  batchSize: 32,
  seed: 42,
  subsets: { train: 1000, validation: 500, test: 1000 },
  optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  schedule: { type: 'constant', warmupEpochs: 0 },
  l2: 0,
  earlyStoppingPatience: 0,
};

export const KFOLD: Lesson = {
  id: 'kfold',
  minutes: 45,
  steps: [
    { key: 'hyper', experiment: { dataset: 'mnist', preset: 'lenet-modern', augment: false, training: BASE }, check: { kind: 'runFinished' }, panel: 'training-panel' },
    { key: 'kfold', experiment: { training: BASE, lab: { folds: 5 } }, check: { kind: 'kfoldDone', count: 1 }, panel: 'kfold-panel' },
    {
      key: 'rate',
      experiment: { training: { ...BASE, optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } } },
      check: { kind: 'kfoldDone', count: 2 },
      panel: 'kfold-panel',
    },
    { key: 'batch', experiment: { training: { ...BASE, batchSize: 128 } }, check: { kind: 'kfoldDone', count: 3 }, panel: 'kfold-panel' },
    { key: 'test', panel: 'training-panel' },
  ],
};
