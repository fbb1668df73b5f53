// Small fixed engine outputs for the inspect views' tests, in the contract types' layouts.
import type { ConvExplanation, ConvFilters, Inspection } from '../../../src/engine/inspect/types';

const filled = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

export const inspection: Inspection = {
  runId: 'run-1',
  input: { shape: [4, 4, 1], values: filled(16, (i) => i / 15) },
  layers: [
    { layer: 0, type: 'conv2d', shape: [4, 4, 2], values: filled(32, (i) => (i % 5) / 2 - 1), min: -1, max: 1 },
    { layer: 1, type: 'maxPool', shape: [2, 2, 70], values: filled(280, (i) => i / 279), min: 0, max: 1 },
    { layer: 2, type: 'flatten', shape: [280], values: filled(280, (i) => i / 279), min: 0, max: 1 },
    { layer: 3, type: 'dense', shape: [3], values: Float32Array.of(-2, 0.5, 1), min: -2, max: 1 },
  ],
  probabilities: Float32Array.of(0.1, 0.7, 0.2),
};

export const convFilters: ConvFilters[] = [
  { layer: 0, shape: [3, 3, 1, 2], kernel: filled(18, (i) => i / 17 - 0.5), bias: new Float32Array(2), min: -0.5, max: 0.8, mean: 0.1 },
  { layer: 2, shape: [3, 3, 2, 4], kernel: filled(72, (i) => Math.sin(i)), bias: new Float32Array(4), min: -1, max: 1, mean: 0 },
];

// A 1×2 window over 2 input channels: products 0.5·0.5 + 1·0.25 + 0 + 0 = 0.5; + 0.25 bias; linear.
export const explanation: ConvExplanation = {
  layer: 0,
  y: 1,
  x: 2,
  channel: 1,
  windowShape: [1, 2, 2],
  patch: Float32Array.of(0.5, 0, 1, 0),
  kernel: Float32Array.of(0.5, 0.3, 0.25, -0.1),
  products: Float32Array.of(0.25, 0, 0.25, 0),
  sum: 0.5,
  bias: 0.25,
  preActivation: 0.75,
  activation: 'linear',
  output: 0.75,
  featureMapValue: 0.75,
};
