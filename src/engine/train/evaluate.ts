import * as tf from '@tensorflow/tfjs';
import { batchLoss } from './losses';
import { DEFAULT_LOSS, type LossType } from './lossSpec';

export interface Evaluation {
  loss: number;
  accuracy: number;
  predictions: Int32Array;
  confidences: Float32Array;
}

/**
 * Mean loss (the run's own, so validation and training losses are the same function), accuracy and
 * per-image predictions, in batches so large sets fit in GPU memory.
 * Sums stay on the backend until one read at the end.
 */
export async function evaluate(
  model: tf.LayersModel,
  xs: tf.Tensor4D,
  labels: tf.Tensor1D,
  numClasses: number,
  loss: LossType = DEFAULT_LOSS,
  batchSize = 256,
): Promise<Evaluation> {
  const n = xs.shape[0];
  const predsParts: tf.Tensor[] = [];
  const confParts: tf.Tensor[] = [];
  let lossSum: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [sum, preds, conf] = tf.tidy(() => {
      const x = xs.slice([start, 0, 0, 0], [size, -1, -1, -1]);
      const y = tf.oneHot(labels.slice([start], [size]), numClasses);
      const logits = model.apply(x, { training: false }) as tf.Tensor2D;
      const sumOfLosses = batchLoss(loss, y, logits, 'sum');
      const probs = tf.softmax(logits);
      return [lossSum.add(sumOfLosses) as tf.Scalar, tf.argMax(logits, 1), tf.max(probs, 1)];
    });
    lossSum.dispose();
    lossSum = sum;
    predsParts.push(preds);
    confParts.push(conf);
  }
  const allPreds = tf.concat(predsParts);
  const allConf = tf.concat(confParts);
  tf.dispose([...predsParts, ...confParts]);
  const [lossValue, predictions, confidences, labelValues] = await Promise.all([
    lossSum.data(),
    allPreds.data() as Promise<Int32Array>,
    allConf.data() as Promise<Float32Array>,
    labels.data(),
  ]);
  tf.dispose([lossSum, allPreds, allConf]);
  let correct = 0;
  for (let i = 0; i < n; i++) if (predictions[i] === labelValues[i]) correct++;
  return { loss: lossValue[0] / n, accuracy: correct / n, predictions, confidences };
}
