import * as tf from '@tensorflow/tfjs';
import { nextTask } from '../train/control';

const BATCH = 256;

/**
 * Softmax probabilities of `count` uint8 images, in batches so a 10,000-image test split fits on any
 * backend, letting other messages in between batches. One array out, N × classes.
 */
export async function probabilitiesOf(model: tf.LayersModel, images: Uint8Array, count: number, shape: readonly number[]): Promise<Float32Array> {
  const [h, w, c] = shape;
  const size = h * w * c;
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * size, (start + n) * size), [n, h, w, c], 'int32').toFloat().div(255);
      return tf.softmax(model.predict(x) as tf.Tensor);
    });
    parts.push((await probs.data()) as Float32Array);
    probs.dispose();
    await nextTask();
  }
  const classes = count > 0 ? parts[0].length / Math.min(BATCH, count) : 0;
  const out = new Float32Array(count * classes);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
