import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../../../src/engine/model/build';
import type { ModelSpec } from '../../../src/engine/spec/layers';

// Small models with fixed, known weights and images, so that tests can recompute outputs in plain JS.

/** conv2d 2 filters 3×3 'valid' relu → maxPool 2 → flatten → dense 3 (softmax, so the model gives logits). */
export const TINY: ModelSpec = {
  inputShape: [6, 6, 1],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
};

/** A fixed, sign-varying value for position i of weight tensor w. */
export const weightValue = (w: number, i: number) => (((i * 7 + w * 3) % 11) - 5) / 10;

/** A fixed image in [0, 1]. */
export function fixedImage(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => ((i * 5) % 13) / 12);
}

/** buildModel with every weight (biases too) set to weightValue; returns the model and the arrays set. */
export function withFixedWeights(spec: ModelSpec): { model: tf.LayersModel; weights: Float32Array[] } {
  const model = buildModel(spec, { seed: 1 });
  const weights = model.weights.map((w, k) => Float32Array.from({ length: (w.shape as number[]).reduce((a, b) => a * b, 1) }, (_, i) => weightValue(k, i)));
  const tensors = weights.map((values, k) => tf.tensor(values, model.weights[k].shape as number[]));
  model.setWeights(tensors);
  tf.dispose(tensors);
  return { model, weights };
}
