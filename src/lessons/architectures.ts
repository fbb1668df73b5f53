import type { Lesson } from './types';

// Classic architectures (course seed topic: classic CNNs): LeNet-5, what AlexNet changed, VGG's 3×3
// stacks, GoogLeNet's inception modules, ResNet's shortcuts, then a race on the same data read off the
// architecture table.
export const ARCHITECTURES: Lesson = {
  id: 'architectures',
  minutes: 45,
  steps: [
    {
      key: 'lenet',
      experiment: {
        dataset: 'mnist',
        preset: 'lenet5',
        augment: false,
        training: {
          epochs: 1,
          batchSize: 32,
          seed: 42,
          subsets: { train: 3000, validation: 500, test: 1000 },
          optimizer: { type: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
          schedule: { type: 'cosine', floor: 0, warmupEpochs: 0 },
          l2: 0,
          earlyStoppingPatience: 0,
        },
      },
      // The step asks for a trained LeNet-5 (the next step compares AlexNet with it), not only a loaded one.
      check: { kind: 'runFinished' },
      panel: 'training-panel',
    },
    { key: 'alexnet', experiment: { preset: 'alexnet-mini' }, check: { kind: 'modelsCompared', count: 2 }, panel: 'runs-panel' },
    { key: 'vgg', experiment: { preset: 'vgg-mini' }, check: { kind: 'presetLoaded', preset: 'vgg-mini' }, panel: 'model-panel' },
    { key: 'googlenet', experiment: { preset: 'googlenet-mini' }, check: { kind: 'presetLoaded', preset: 'googlenet-mini' }, panel: 'model-panel' },
    { key: 'resnet', experiment: { preset: 'resnet-mini' }, check: { kind: 'presetLoaded', preset: 'resnet-mini' }, panel: 'model-panel' },
    { key: 'race', check: { kind: 'modelsCompared', count: 4 }, panel: 'runs-panel' },
  ],
};
