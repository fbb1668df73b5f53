import * as tf from '@tensorflow/tfjs';

// Brightness, contrast and Gaussian noise: per-image arithmetic on pixel values in [0, 1], broadcast from
// one small per-image column, so every backend runs them with its plain elementwise kernels.

const perImage = (values: ArrayLike<number>) => tf.tensor4d(Float32Array.from(values), [values.length, 1, 1, 1]);

/** x + delta, one delta per image (tf.image.adjust_brightness). */
export function adjustBrightness(x: tf.Tensor4D, deltas: ArrayLike<number>): tf.Tensor4D {
  return tf.tidy(() => tf.add(x, perImage(deltas)));
}

/**
 * (x − mean)·factor + mean, with each image's mean per channel (tf.image.adjust_contrast): above 1 spreads
 * the values apart, below 1 pulls them towards grey.
 */
export function adjustContrast(x: tf.Tensor4D, factors: ArrayLike<number>): tf.Tensor4D {
  return tf.tidy(() => {
    const mean = tf.mean(x, [1, 2], true);
    return tf.add(tf.mul(tf.sub(x, mean), perImage(factors)), mean);
  });
}

/** Adds N(0, std²) noise to the images whose `mask` is 1; `seed` fixes the noise field. */
export function addNoise(x: tf.Tensor4D, mask: ArrayLike<number>, std: number, seed: number): tf.Tensor4D {
  return tf.tidy(() => tf.add(x, tf.mul(tf.randomNormal(x.shape, 0, std, 'float32', seed), perImage(mask))));
}
