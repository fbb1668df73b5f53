import * as tf from '@tensorflow/tfjs';
import { IDENTITY, type BatchParams, type ImageParams } from '../../../src/engine/augment/params';
import { AUGMENT_OPS, NO_AUGMENTATION, type AugmentationSpec, type AugmentOp } from '../../../src/engine/augment/spec';

// Small images and hand-made parameters for the augmentation tests.

/** The 3×3 pattern 1…9 (row by row), scaled to [0, 1] as the trainer's images are. */
export const PATTERN = [1, 2, 3, 4, 5, 6, 7, 8, 9];
export const pattern3x3 = (): tf.Tensor4D => tf.tensor4d(PATTERN.map((v) => v / 10), [1, 3, 3, 1]);

/** Pixel values ×10, rounded: the pattern's digits back (0 where the image was filled). */
export const digits = (t: tf.Tensor): number[] => Array.from(t.dataSync(), (v) => Math.round(v * 10));

export function batch(...images: Partial<ImageParams>[]): BatchParams {
  return { images: images.map((p) => ({ ...IDENTITY, ...p, cutout: { ...IDENTITY.cutout, ...p.cutout } })), noiseSeed: 1, noiseStd: 0 };
}

/** Augmentation on with only `ops` on, at probability 1 unless given. */
export function only(ops: Partial<Record<AugmentOp, { probability?: number; magnitude?: number }>>): AugmentationSpec {
  const spec = structuredClone({ ...NO_AUGMENTATION, enabled: true }) as AugmentationSpec;
  for (const op of AUGMENT_OPS) spec[op].enabled = false;
  for (const [op, s] of Object.entries(ops) as [AugmentOp, { probability?: number; magnitude?: number }][]) {
    const target = spec[op] as { enabled: boolean; probability: number; magnitude?: number };
    target.enabled = true;
    target.probability = s.probability ?? 1;
    if (s.magnitude !== undefined) target.magnitude = s.magnitude;
  }
  return spec;
}

/** Deterministic values in [0, 1): reproducible test images. */
export function randomImages(shape: [number, number, number, number], seed = 7): tf.Tensor4D {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    values[i] = s / 2 ** 32;
  }
  return tf.tensor4d(values, shape);
}
