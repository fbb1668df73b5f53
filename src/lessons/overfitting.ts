import type { Lesson, StepExperiment } from './types';

// Over- and underfitting and the cures (course seed topic: model selection): "first overfit, then remove
// the overfitting". 200 training images and 30 epochs overfit the modern LeNet (no dropout) for sure; each
// cure is then one change to exactly those settings. Measured (wasm, seed 42): the plain run ends with
// training loss 0.01 and validation loss 0.52; L2 = 0.03 narrows that gap to 0.37 by keeping the training
// loss up (validation loss 0.54), L2 = 0.001 or 0.01 barely moves it; 2,000 images end with a gap of 0.22
// at 95 % validation accuracy; early stopping with patience 3 ends after epoch 12.

const ADAM = { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;
const SMALL: NonNullable<StepExperiment['training']> = {
  epochs: 30,
  batchSize: 32,
  seed: 42,
  subsets: { train: 200, validation: 1000, test: 1000 },
  optimizer: ADAM,
  schedule: { type: 'constant', warmupEpochs: 0 },
  l1: 0,
  l2: 0,
  earlyStoppingPatience: 0,
};

export const OVERFITTING: Lesson = {
  id: 'overfitting',
  minutes: 45,
  steps: [
    { key: 'overfit', experiment: { dataset: 'mnist', preset: 'lenet-modern', augment: false, training: SMALL }, check: { kind: 'gapOpened', gap: 0.3 }, panel: 'training-panel' },
    {
      key: 'underfit',
      experiment: { training: { ...SMALL, epochs: 3, optimizer: { type: 'sgd', learningRate: 0.005 } } },
      check: { kind: 'runFinished' },
      panel: 'training-panel',
    },
    { key: 'l2', experiment: { training: { ...SMALL, l2: 0.03 } }, check: { kind: 'gapNarrowed' }, panel: 'training-panel' },
    { key: 'early', experiment: { training: { ...SMALL, earlyStoppingPatience: 3 } }, check: { kind: 'earlyStopped' }, panel: 'training-panel' },
    { key: 'more', experiment: { training: { ...SMALL, subsets: { train: 2000, validation: 1000, test: 1000 } } }, check: { kind: 'gapNarrowed' }, panel: 'training-panel' },
    {
      key: 'lab',
      experiment: { training: { ...SMALL, epochs: 2 }, lab: { overfitTrainImages: 500, overfitEpochs: 20, overfitModel: 'lenet-modern' } },
      check: { kind: 'overfitLabDone' },
      panel: 'overfitting-lab',
    },
  ],
};
