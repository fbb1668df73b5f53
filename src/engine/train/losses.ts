import * as tf from '@tensorflow/tfjs';
import { HINGE_MARGIN, type LossType } from './lossSpec';

// The data loss of a batch, from one-hot targets and the model's scores (its output before the final
// softmax): what lossSpec.ts describes. The trainer (whole and split steps, and SCG, which evaluates the
// trainer's loss function itself) and evaluate.ts all come here, so training, validation and test losses
// are the same function.

/** One loss per image. */
export function lossPerImage(type: LossType, oneHot: tf.Tensor, scores: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    switch (type) {
      case 'crossEntropy':
        return tf.losses.softmaxCrossEntropy(oneHot, scores, undefined, undefined, tf.Reduction.NONE) as tf.Tensor1D;
      case 'mse':
        return tf.mean(tf.squaredDifference(tf.softmax(scores), oneHot), 1) as tf.Tensor1D;
      case 'hinge': {
        const trueScore = tf.sum(tf.mul(scores, oneHot), 1, true);
        // Every class's margin violation; the true class's own term (always the margin) is masked out.
        const violations = tf.relu(tf.add(tf.sub(scores, trueScore), HINGE_MARGIN));
        return tf.sum(tf.mul(violations, tf.sub(1, oneHot)), 1) as tf.Tensor1D;
      }
    }
  });
}

/**
 * The batch's loss, its mean (what the optimizer minimises) or its sum (evaluate adds batches up).
 * Cross-entropy keeps the exact calls the trainer always made, so runs from before the loss could be
 * chosen train to the same figures.
 */
export function batchLoss(type: LossType, oneHot: tf.Tensor, scores: tf.Tensor, reduction: 'mean' | 'sum' = 'mean'): tf.Scalar {
  if (type === 'crossEntropy') {
    return (reduction === 'mean'
      ? tf.losses.softmaxCrossEntropy(oneHot, scores)
      : tf.losses.softmaxCrossEntropy(oneHot, scores, undefined, undefined, tf.Reduction.SUM)) as tf.Scalar;
  }
  return tf.tidy(() => {
    const each = lossPerImage(type, oneHot, scores);
    return (reduction === 'mean' ? tf.mean(each) : tf.sum(each)) as tf.Scalar;
  });
}
