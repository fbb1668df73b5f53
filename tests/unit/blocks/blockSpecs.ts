import type { BlockSpec, Conv2dSpec, ModelSpec, ResidualSpec } from '../../../src/engine/spec/layers';

// Blocks of the geometries the tests hold against built tfjs models: each kind of shortcut, with and
// without a change of size and channels.

export const conv = (filters: number, strides = 1, kernelSize = 3, activation: 'relu' | 'linear' = 'linear'): Conv2dSpec => ({
  type: 'conv2d',
  filters,
  kernelSize,
  strides,
  padding: 'same',
  activation,
});

/** ResNet's basic block: conv, BN, relu, conv, BN; added to the shortcut, then relu. */
export function basicBlock(filters: number, stride: number, shortcut: 'identity' | 'projection' | 'zeroPad'): ResidualSpec {
  return {
    type: 'residual',
    layers: [conv(filters, stride), { type: 'batchNorm' }, { type: 'activation', activation: 'relu' }, conv(filters), { type: 'batchNorm' }],
    shortcut,
    activation: 'relu',
  };
}

/** A model that ends in class scores after `blocks`, so that it is valid and can be built. */
export function withHead(inputShape: [number, number, number], blocks: BlockSpec[], classes = 10): ModelSpec {
  return { inputShape, layers: [...blocks, { type: 'globalAvgPool' }, { type: 'dense', units: classes, activation: 'softmax' }] };
}

export const GEOMETRIES: { label: string; input: [number, number, number]; block: BlockSpec; output: number[] }[] = [
  { label: 'identity shortcut, 8×8×4 kept', input: [8, 8, 4], block: basicBlock(4, 1, 'identity'), output: [8, 8, 4] },
  { label: 'projection shortcut, stride 2 and 3 → 8 channels on an odd size', input: [9, 9, 3], block: basicBlock(8, 2, 'projection'), output: [5, 5, 8] },
  { label: 'zero-padding shortcut, stride 2 and 4 → 8 channels', input: [10, 10, 4], block: basicBlock(8, 2, 'zeroPad'), output: [5, 5, 8] },
  { label: 'zero-padding shortcut, channels only (2 → 5)', input: [6, 6, 2], block: basicBlock(5, 1, 'zeroPad'), output: [6, 6, 5] },
  {
    label: 'bottleneck 1×1 → 3×3 → 1×1 with a projection',
    input: [7, 7, 6],
    block: { type: 'residual', layers: [conv(2, 1, 1, 'relu'), conv(2, 1, 3, 'relu'), conv(12, 1, 1)], shortcut: 'projection', activation: 'relu' },
    output: [7, 7, 12],
  },
  {
    label: "inception 3a at an eighth of GoogLeNet's channels, 14×14×16",
    input: [14, 14, 16],
    block: { type: 'inception', conv1x1: 8, reduce3x3: 12, conv3x3: 16, reduce5x5: 2, conv5x5: 4, poolProj: 4, activation: 'relu' },
    output: [14, 14, 32],
  },
  {
    label: 'inception on a 5×5×3 input, one filter per branch',
    input: [5, 5, 3],
    block: { type: 'inception', conv1x1: 1, reduce3x3: 1, conv3x3: 1, reduce5x5: 1, conv5x5: 1, poolProj: 1, activation: 'relu' },
    output: [5, 5, 4],
  },
];
