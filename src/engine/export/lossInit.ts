import { kernelInitFor, SMALL_NORMAL_STD, type InitType, type KernelInit } from '../model/initSpec';
import type { LossType } from '../train/lossSpec';
import type { Activation } from '../spec/layers';
import type { Experiment, ExportLayer } from './experiment';
import { pyFloat } from './python';

// The run's loss and kernel initialisation as both scripts write them: the same functions as the app's
// (train/losses.ts, model/layerFactory.ts), so a script trains what the app trained.

/** The distribution a spec layer's kernel starts from in the app. */
export function kernelInitOf(e: Experiment, l: ExportLayer): KernelInit {
  return kernelInitFor(e.config.init, l.activation);
}

/** The same for a kernel inside a block, followed by `activation`. */
export function innerKernelInit(e: Experiment, activation: Activation): KernelInit {
  return kernelInitFor(e.config.init, activation);
}

/** In words, for the header: which kernels start how. */
export function describeInit(init: InitType): string {
  switch (init) {
    case 'auto':
      return 'He-normal cut at 2σ before relu, leakyRelu and elu, Glorot-uniform otherwise';
    case 'he':
      return 'He-normal cut at 2σ for every kernel';
    case 'glorot':
      return 'Glorot-uniform for every kernel';
    case 'smallNormal':
      return `a normal distribution with σ = ${SMALL_NORMAL_STD} for every kernel`;
  }
}

export function describeLoss(loss: LossType): string {
  switch (loss) {
    case 'crossEntropy':
      return 'softmax cross-entropy on logits';
    case 'mse':
      return 'mean squared error between softmax(logits) and the one-hot label, averaged over the classes';
    case 'hinge':
      return 'the multi-class hinge (Weston–Watkins, as ConvNetJS\'s SVM) on the logits: Σ over wrong classes of max(0, 1 + s_j − s_true)';
  }
}

/** Keras: the loss object model.compile gets, and the class it needs (null for a built-in loss). */
export function kerasLoss(loss: LossType): { make: string; code: string | null } {
  switch (loss) {
    case 'crossEntropy':
      return { make: 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)', code: null };
    case 'mse':
      return {
        make: 'MseOnSoftmax()',
        code: `class MseOnSoftmax(keras.losses.Loss):
    """The app's squared error: softmax(logits) against the one-hot label, averaged over the classes."""

    def call(self, y_true, logits):
        target = ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), NUM_CLASSES)
        return ops.mean(ops.square(ops.softmax(logits, axis=-1) - target), axis=-1)`,
      };
    case 'hinge':
      return {
        make: 'MulticlassHinge()',
        code: `class MulticlassHinge(keras.losses.Loss):
    """ConvNetJS's SVM loss (Weston–Watkins) on the raw scores: the sum over the wrong classes j of
    max(0, 1 + s_j - s_true). Keras's CategoricalHinge is another one (Crammer–Singer: the worst class only)."""

    def call(self, y_true, scores):
        target = ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), NUM_CLASSES)
        true_score = ops.sum(scores * target, axis=-1, keepdims=True)
        return ops.sum(ops.relu(scores - true_score + 1.0) * (1.0 - target), axis=-1)`,
      };
  }
}

/** Keras: a kernel_initializer argument. */
export function kerasInitializer(kind: KernelInit, fanIn: number): string {
  switch (kind) {
    case 'heNormal':
      return `he_normal(${fanIn})`;
    case 'glorotUniform':
      return '"glorot_uniform"';
    case 'smallNormal':
      return `keras.initializers.RandomNormal(stddev=${pyFloat(SMALL_NORMAL_STD)})`;
  }
}

/** PyTorch: the line that initialises `weight` in place. */
export function torchInitLine(kind: KernelInit, weight: string): string {
  switch (kind) {
    case 'heNormal':
      return `he_normal_(${weight})`;
    case 'glorotUniform':
      return `nn.init.xavier_uniform_(${weight})  # Glorot uniform`;
    case 'smallNormal':
      return `nn.init.normal_(${weight}, std=${pyFloat(SMALL_NORMAL_STD)})  # small random normal`;
  }
}

/** PyTorch: data_loss(logits, y, reduction), the one loss training and evaluation use. */
export function torchLossCode(loss: LossType): string {
  const head = 'def data_loss(logits, y, reduction="mean"):';
  switch (loss) {
    case 'crossEntropy':
      return `${head}
    """The app's loss: softmax cross-entropy on the logits."""
    return nn.functional.cross_entropy(logits, y, reduction=reduction)`;
    case 'mse':
      return `${head}
    """The app's squared error: softmax(logits) against the one-hot label, averaged over the classes."""
    target = nn.functional.one_hot(y, NUM_CLASSES).to(logits.dtype)
    each = (logits.softmax(1) - target).square().mean(1)
    return each.mean() if reduction == "mean" else each.sum()`;
    case 'hinge':
      return `${head}
    """ConvNetJS's SVM loss (Weston–Watkins) on the raw scores: the sum over the wrong classes j of
    max(0, 1 + s_j - s_true). nn.MultiMarginLoss is the same sum divided by the number of classes."""
    target = nn.functional.one_hot(y, NUM_CLASSES).to(logits.dtype)
    true_score = (logits * target).sum(1, keepdim=True)
    each = ((logits - true_score + 1.0).clamp(min=0) * (1 - target)).sum(1)
    return each.mean() if reduction == "mean" else each.sum()`;
  }
}
