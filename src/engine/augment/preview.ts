import * as tf from '@tensorflow/tfjs';
import { augmentBatch } from './augmentBatch';
import type { AugmentationSpec } from './spec';

// The augmentation preview: a few training images, each as it is and then `ways` times augmented, with
// the very function training uses (so what the student sees is what the model gets).

export interface AugmentationPreview {
  /** Row by row: each image as it is, then its `ways` augmented versions; uint8 H×W×C each. */
  images: Uint8Array;
  count: number;
  ways: number;
}

/** `images` holds `count` uint8 H×W×C images of `shape`. */
export function augmentationPreview(
  images: Uint8Array,
  count: number,
  shape: [number, number, number],
  spec: AugmentationSpec,
  seed: number,
  ways: number,
): AugmentationPreview {
  const [h, w, c] = shape;
  const pixels = tf.tidy(() => {
    const x = tf.tensor4d(images, [count, h, w, c], 'int32').toFloat().div(255) as tf.Tensor4D;
    // Each image repeated `ways` times, then augmented as one batch: every copy gets its own draw.
    const copies = tf.tile(x.expandDims(1), [1, ways, 1, 1, 1]).reshape([count * ways, h, w, c]) as tf.Tensor4D;
    const augmented = augmentBatch(spec, copies, seed, 0).reshape([count, ways, h, w, c]);
    const rows = tf.concat([x.expandDims(1), augmented], 1);
    return tf.round(tf.mul(rows, 255)).clipByValue(0, 255).cast('int32');
  });
  try {
    // Read synchronously (a small read, in the worker): no tensor of the preview outlives this call, so a
    // training run starting meanwhile never counts one of them among its tensors before or after.
    return { images: Uint8Array.from(pixels.dataSync()), count, ways };
  } finally {
    pixels.dispose();
  }
}
