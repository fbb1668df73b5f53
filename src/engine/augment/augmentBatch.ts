import * as tf from '@tensorflow/tfjs';
import { erase } from './cutout';
import { affineRows, hasGeometry, transformImages } from './geometric';
import { drawParams, type BatchParams } from './params';
import { addNoise, adjustBrightness, adjustContrast } from './photometric';
import { activeOps, type AugmentationSpec } from './spec';

// The one entry point the trainer calls: a training batch in, the same batch augmented out, on the
// training backend. The random choices depend only on (seed, step), so a run with the same seed sees the
// same augmented batches, whatever the backend.

/**
 * Batch `step` of a run with `seed`, augmented as `spec` says. `x` is N×H×W×C in [0, 1]; the result too
 * (clipped after changes of brightness, contrast or noise). With nothing to apply it returns `x` itself.
 */
export function augmentBatch(spec: AugmentationSpec, x: tf.Tensor4D, seed: number, step: number): tf.Tensor4D {
  if (activeOps(spec).length === 0) return x;
  const [n, h, w] = x.shape;
  return applyParams(x, drawParams(spec, n, h, w, seed, step));
}

/** Applies drawn (or hand-made) parameters: geometry, then brightness, contrast, noise, then erasing. */
export function applyParams(x: tf.Tensor4D, params: BatchParams): tf.Tensor4D {
  const p = params.images;
  return tf.tidy(() => {
    let out = x;
    const [, h, w] = x.shape;
    if (p.some(hasGeometry)) out = transformImages(out, affineRows(p, h, w));
    let valuesChanged = false;
    if (p.some((i) => i.brightness !== 0)) {
      out = adjustBrightness(out, p.map((i) => i.brightness));
      valuesChanged = true;
    }
    if (p.some((i) => i.contrast !== 1)) {
      out = adjustContrast(out, p.map((i) => i.contrast));
      valuesChanged = true;
    }
    if (p.some((i) => i.noise)) {
      out = addNoise(out, p.map((i) => (i.noise ? 1 : 0)), params.noiseStd, params.noiseSeed);
      valuesChanged = true;
    }
    // Pixel values stay in the range the model sees on test images.
    if (valuesChanged) out = tf.clipByValue(out, 0, 1);
    if (p.some((i) => i.cutout.y1 > i.cutout.y0 && i.cutout.x1 > i.cutout.x0)) {
      out = erase(out, Int32Array.from(p.flatMap((i) => [i.cutout.y0, i.cutout.x0, i.cutout.y1, i.cutout.x1])));
    }
    return out;
  });
}
