import type { LayerSpec, LayerType } from './layers.ts';

/**
 * What a freshly added layer of each type starts as. Also what a damaged field of a restored layer falls
 * back to (src/experiment/layers.ts), so both say the same defaults.
 */
export const NEW_LAYER: Record<LayerType, LayerSpec> = {
  conv2d: { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
  maxPool: { type: 'maxPool', poolSize: 2 },
  avgPool: { type: 'avgPool', poolSize: 2 },
  dense: { type: 'dense', units: 64, activation: 'relu' },
  dropout: { type: 'dropout', rate: 0.25 },
  batchNorm: { type: 'batchNorm' },
  flatten: { type: 'flatten' },
  activation: { type: 'activation', activation: 'relu' },
  globalAvgPool: { type: 'globalAvgPool' },
  lrn: { type: 'lrn', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
};
