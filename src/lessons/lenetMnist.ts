import type { Lesson } from './types';

// LeNet-5 on MNIST end to end (course seed topic: classic CNNs): the data, the architecture, training it,
// reading the result, and looking at what its layers do.
export const LENET_MNIST: Lesson = {
  id: 'lenet-mnist',
  minutes: 45,
  steps: [
    { key: 'data', experiment: { dataset: 'mnist' }, panel: 'dataset-panel' },
    { key: 'model', experiment: { preset: 'lenet5' }, check: { kind: 'presetLoaded', preset: 'lenet5' }, panel: 'model-panel' },
    {
      key: 'train',
      experiment: { training: { epochs: 2, batchSize: 32, subsets: { train: 5000, validation: 500, test: 1000 }, optimizer: { type: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } } },
      check: { kind: 'testAccuracyAtLeast', value: 0.9 },
      panel: 'training-panel',
    },
    { key: 'inside', check: { kind: 'lookedInside' }, panel: 'kept-model-panel' },
  ],
};
