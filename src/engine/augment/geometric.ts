import * as tf from '@tensorflow/tfjs';
import type { ImageParams } from './params';

// Flips, rotation, translation and zoom, composed per image into one affine map and applied in one
// resampling (tf.image.transform: bilinear, zero outside the image). One kernel call for all four ops keeps
// the cost per batch small, and the Transform kernel exists on the wasm, webgl and cpu backends alike.

export const hasGeometry = (p: ImageParams): boolean => p.flipHorizontal || p.flipVertical || p.angle !== 0 || p.dx !== 0 || p.dy !== 0 || p.zoom !== 1;

/** cos/sin with float noise removed, so 90° and 180° map pixels exactly onto pixels. */
const clean = (v: number) => Math.round(v * 1e12) / 1e12;

/**
 * Each image's map from output pixel to input pixel, as the 8 numbers tf.image.transform reads
 * (a0 a1 a2 b0 b1 b2 c0 c1: input x = a0·x + a1·y + a2, input y = b0·x + b1·y + b2).
 * The content is flipped, rotated counter-clockwise by `angle` and zoomed about the image centre, then
 * shifted by (dx, dy); the map is the inverse of that.
 */
export function affineRows(params: readonly ImageParams[], h: number, w: number): Float32Array {
  const rows = new Float32Array(params.length * 8);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  params.forEach((p, i) => {
    const rad = (p.angle * Math.PI) / 180;
    const cos = clean(Math.cos(rad)) / p.zoom;
    const sin = clean(Math.sin(rad)) / p.zoom;
    const fx = p.flipHorizontal ? -1 : 1;
    const fy = p.flipVertical ? -1 : 1;
    // Inverse of flip · rotate · zoom: flip · rotate(−angle) / zoom (y points down on screen).
    const m00 = fx * cos;
    const m01 = -fx * sin;
    const m10 = fy * sin;
    const m11 = fy * cos;
    const tx = cx + p.dx;
    const ty = cy + p.dy;
    rows.set([m00, m01, cx - m00 * tx - m01 * ty, m10, m11, cy - m10 * tx - m11 * ty, 0, 0], i * 8);
  });
  return rows;
}

/**
 * Resamples each image of `x` (N×H×W×C) through its row of `rows`. tfjs-backend-cpu 4.22's Transform
 * returns after the first image of a batch (the rest come back as zeros), so on cpu each image goes on its
 * own; wasm and webgl transform the whole batch in one call.
 */
export function transformImages(x: tf.Tensor4D, rows: Float32Array): tf.Tensor4D {
  return tf.tidy(() => {
    const n = x.shape[0];
    const transforms = tf.tensor2d(rows, [n, 8]);
    if (tf.getBackend() !== 'cpu' || n === 1) return tf.image.transform(x, transforms, 'bilinear', 'constant', 0);
    const images = tf.split(x, n, 0) as tf.Tensor4D[];
    const maps = tf.split(transforms, n, 0) as tf.Tensor2D[];
    return tf.concat(images.map((image, i) => tf.image.transform(image, maps[i], 'bilinear', 'constant', 0)), 0) as tf.Tensor4D;
  });
}
