import * as tf from '@tensorflow/tfjs';

// Random erasing (cutout): a rectangle of each image set to 0. The mask is built on the backend from the
// boxes' corners (a row test times a column test), so no image-sized array is made in JS.

/** Erases rows y0 ≤ y < y1 and columns x0 ≤ x < x1 of each image; `boxes` holds y0, x0, y1, x1 per image. */
export function erase(x: tf.Tensor4D, boxes: Int32Array): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const corners = tf.tensor2d(boxes, [n, 4], 'int32');
    const [y0, x0, y1, x1] = tf.split(corners, 4, 1).map((t) => t.reshape([n, 1, 1, 1]));
    const rows = tf.range(0, h, 1, 'int32').reshape([1, h, 1, 1]);
    const cols = tf.range(0, w, 1, 'int32').reshape([1, 1, w, 1]);
    const inRows = tf.logicalAnd(tf.greaterEqual(rows, y0), tf.less(rows, y1)).cast('float32');
    const inCols = tf.logicalAnd(tf.greaterEqual(cols, x0), tf.less(cols, x1)).cast('float32');
    const keep = tf.sub(1, tf.mul(inRows, inCols)); // N×H×W×1: 0 inside the box
    return tf.mul(x, keep);
  });
}
