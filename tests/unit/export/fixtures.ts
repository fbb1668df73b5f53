import type { BuiltinDatasetId } from '../../../src/engine/data/catalog';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { PRESETS } from '../../../src/engine/spec/presets';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import { defaultOptimizer, OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';

// The experiments the export tests generate scripts for: the presets on grey 28×28 and colour 32×32
// images, and specs made to exercise what differs between the frameworks (strided and even-kernel
// 'same' convs that need asymmetric padding in PyTorch, batch norm on images and on flat features,
// dropout, pools with their own strides, leakyRelu, a final softmax activation layer).

export interface ExportCase {
  name: string;
  spec: ModelSpec;
  datasetId: BuiltinDatasetId;
}

const MIXED_MNIST: ModelSpec = {
  name: 'mixed',
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'leakyRelu' },
    { type: 'batchNorm' },
    { type: 'conv2d', filters: 12, kernelSize: 4, strides: 1, padding: 'same', activation: 'elu' },
    { type: 'maxPool', poolSize: 3, strides: 2 },
    { type: 'dropout', rate: 0.25 },
    { type: 'flatten' },
    { type: 'dense', units: 32, activation: 'relu' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'sigmoid' },
    { type: 'dense', units: 10, activation: 'linear' },
    { type: 'activation', activation: 'softmax' },
  ],
};

const STRIDED_CIFAR: ModelSpec = {
  inputShape: [32, 32, 3],
  layers: [
    { type: 'conv2d', filters: 16, kernelSize: 5, strides: 3, padding: 'same', activation: 'relu' },
    { type: 'conv2d', filters: 16, kernelSize: 2, strides: 1, padding: 'same', activation: 'tanh' },
    { type: 'avgPool', poolSize: 2, strides: 1 },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'leakyRelu' },
    { type: 'conv2d', filters: 24, kernelSize: 3, strides: 2, padding: 'valid', activation: 'softmax' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 64, activation: 'elu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** An inception block after AlexNet's LRN and overlapping pooling, ending in global average pooling. */
const INCEPTION_CIFAR: ModelSpec = {
  inputShape: [32, 32, 3],
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'lrn', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
    { type: 'maxPool', poolSize: 3, strides: 2 },
    { type: 'inception', conv1x1: 4, reduce3x3: 4, conv3x3: 6, reduce5x5: 2, conv5x5: 2, poolProj: 4, activation: 'relu' },
    { type: 'globalAvgPool' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

export const CASES: ExportCase[] = [
  ...PRESETS.flatMap((p) => [
    { name: `${p.id} on MNIST`, spec: p.build([28, 28, 1], 10), datasetId: 'mnist' as const },
    { name: `${p.id} on CIFAR-10`, spec: p.build([32, 32, 3], 10), datasetId: 'cifar10' as const },
  ]),
  { name: 'lenet-modern on Fashion-MNIST', spec: PRESETS[1].build([28, 28, 1], 10), datasetId: 'fashion-mnist' },
  { name: 'batch norm, dropout, strides and same padding on MNIST', spec: MIXED_MNIST, datasetId: 'mnist' },
  { name: 'strided and even-kernel same padding on CIFAR-10', spec: STRIDED_CIFAR, datasetId: 'cifar10' },
  { name: 'LRN, overlapping pooling and an inception block on CIFAR-10', spec: INCEPTION_CIFAR, datasetId: 'cifar10' },
];

export const MIXED_CASE = CASES.find((c) => c.spec === MIXED_MNIST)!;

/** Every optimizer, each with another schedule, and weight decay and early stopping on some. */
export function optimizerConfigs(): { name: string; config: TrainingConfig }[] {
  const schedules: TrainingConfig['schedule'][] = [
    { type: 'constant', warmupEpochs: 0 },
    { type: 'step', everyEpochs: 1, factor: 0.5, warmupEpochs: 0.5 },
    { type: 'exponential', factor: 0.8, warmupEpochs: 0 },
    { type: 'cosine', floor: 0.1, warmupEpochs: 1 },
  ];
  return OPTIMIZER_TYPES.map((type, i) => ({
    name: type,
    config: {
      ...DEFAULT_TRAINING,
      optimizer: defaultOptimizer(type),
      schedule: schedules[i % schedules.length],
      batchSize: type === 'rprop' || type === 'scg' ? 500 : 64,
      epochs: 3,
      l1: i % 3 === 0 ? 1e-5 : 0,
      l2: i % 2 === 0 ? 1e-4 : 0,
      earlyStoppingPatience: i % 2,
    },
  }));
}
