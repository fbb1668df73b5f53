import type { Lesson, StepExperiment } from './types';

// Optimizers (course seed topic: training techniques): paths on a 2-D surface first, where each rule's
// behaviour is visible, then the same rules training LeNet on the same data, seed and constant rate.

const SAME_DATA: NonNullable<StepExperiment['training']> = {
  epochs: 1,
  batchSize: 32,
  subsets: { train: 3000, validation: 500, test: 1000 },
  seed: 42,
  schedule: { type: 'constant', warmupEpochs: 0 },
};

export const OPTIMIZERS: Lesson = {
  id: 'optimizers',
  minutes: 45,
  steps: [
    { key: 'paths', experiment: { paths: { surface: 'rosenbrock', optimizers: ['sgd', 'momentum', 'adam'] } }, check: { kind: 'pathsTraced', optimizers: ['sgd', 'momentum', 'adam'] }, panel: 'paths-panel' },
    { key: 'course', experiment: { paths: { surface: 'rosenbrock', optimizers: ['sgd', 'rprop', 'manhattan', 'scg'] } }, check: { kind: 'pathsTraced', optimizers: ['rprop', 'manhattan', 'scg'] }, panel: 'paths-panel' },
    {
      key: 'sgd',
      experiment: { dataset: 'mnist', preset: 'lenet-modern', pathsOpen: false, training: { ...SAME_DATA, optimizer: { type: 'sgd', learningRate: 0.1 } } },
      check: { kind: 'optimizersCompared', optimizers: ['sgd'] },
      panel: 'training-panel',
    },
    {
      key: 'momentum',
      experiment: { training: { ...SAME_DATA, optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.9 } } },
      check: { kind: 'optimizersCompared', optimizers: ['sgd', 'momentum'] },
      panel: 'training-panel',
    },
    {
      key: 'adam',
      experiment: { training: { ...SAME_DATA, optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } } },
      check: { kind: 'optimizersCompared', optimizers: ['sgd', 'momentum', 'adam'] },
      panel: 'runs-panel',
    },
    {
      key: 'rprop',
      experiment: {
        training: { ...SAME_DATA, epochs: 3, batchSize: 500, optimizer: { type: 'rprop', initialStep: 0.01, etaPlus: 1.2, etaMinus: 0.5, minStep: 1e-6, maxStep: 50 } },
      },
      check: { kind: 'optimizersCompared', optimizers: ['rprop'] },
      panel: 'runs-panel',
    },
  ],
};
