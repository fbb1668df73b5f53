import type * as tf from '@tensorflow/tfjs';

/**
 * Why `weights` cannot be put into `model` (their shapes, in order, differ from the model's), or null when
 * they fit. Said as "its weights (…) do not fit this model (…)" for the caller to lead with its own context.
 */
export function weightsMismatch(model: tf.LayersModel, weights: readonly tf.Tensor[]): string | null {
  const have = weights.map((w) => w.shape.join('×'));
  const need = model.weights.map((w) => w.shape.join('×'));
  if (have.join() === need.join()) return null;
  return `its weights (${have.length} tensors: ${have.join(', ')}) do not fit this model (${need.join(', ')})`;
}
