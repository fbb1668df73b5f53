import type { Lesson } from './types';

// What convolution and pooling do (course seed topic: CNN basics): a kernel sliding over the image, the
// feature maps it makes, one output number worked out, pooling, and the output-size formula.
export const CONVOLUTION_POOLING: Lesson = {
  id: 'convolution-pooling',
  minutes: 45,
  steps: [
    { key: 'kernel', experiment: { dataset: 'mnist', preset: 'lenet5' }, check: { kind: 'presetLoaded', preset: 'lenet5' }, panel: 'model-panel' },
    {
      key: 'train',
      experiment: {
        training: { epochs: 1, batchSize: 32, subsets: { train: 3000, validation: 500, test: 1000 }, optimizer: { type: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } },
      },
      check: { kind: 'runFinished' },
      panel: 'training-panel',
    },
    { key: 'maps', check: { kind: 'lookedInside' }, panel: 'kept-model-panel' },
    { key: 'explain', check: { kind: 'convExplained' }, panel: 'inside-panel' },
    { key: 'pooling', check: { kind: 'layerSelected', types: ['avgPool', 'maxPool'] }, panel: 'network-diagram' },
    { key: 'size', panel: 'output-size' },
  ],
};
