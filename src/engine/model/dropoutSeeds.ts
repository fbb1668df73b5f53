import * as tf from '@tensorflow/tfjs';
import { layerSeed } from './seeds';

// Seeded dropout: the same run seed drops the same units at the same step, so two runs of a model with
// dropout (AlexNet's, the overfitting lab's "+ dropout") are the same run, as they are without it.
// tfjs's Dropout layer takes a `seed` but builds a fresh generator from it on every call, so a fixed seed
// would drop the same units at every step; left unseeded it uses Math.random and no two runs agree (a
// mini-AlexNet run on CIFAR-10 gave 23.0 % and 23.2 % after one epoch, then collapsed to chance in a third).
// The trainer gives every Dropout layer a new seed, mixed from the run's seed, the step and the layer,
// before each forward pass; tfjs reads `this.seed` when the layer is called in training.

/** The model's Dropout layers, in model order (found once per run). */
export function dropoutLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => l.getClassName() === 'Dropout');
}

/**
 * Seeds each Dropout layer for one forward pass. `part`: which part of a step split into parts (its first
 * image's index), so the parts' masks differ; a split step's masks then depend on the part size, which
 * follows measured timings (splitting happens only for steps too slow to run whole).
 */
export function seedDropout(layers: readonly tf.layers.Layer[], runSeed: number, step: number, part = 0): void {
  if (layers.length === 0) return;
  const stepSeed = layerSeed(runSeed, step, 0x0d0);
  layers.forEach((layer, i) => {
    (layer as unknown as { seed?: number }).seed = layerSeed(stepSeed, i, part);
  });
}
