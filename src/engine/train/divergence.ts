import * as tf from '@tensorflow/tfjs';

/** A run that stopped itself because a value stopped being a finite number. */
export interface Divergence {
  /** 0-based step whose loss (at the weights before that step) was not finite. */
  step: number;
  /** What the loss became. */
  value: 'NaN' | 'Infinity' | '-Infinity';
}

/** How `x` is not finite, or null when it is. */
export function nonFinite(x: number): Divergence['value'] | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

/**
 * Keeps the model's weights as they were at the last step whose loss was finite, so a run that blows up
 * ends with the model from before it blew up (Keras's TerminateOnNaN keeps the broken weights).
 *
 * It costs no kernel and no copy: tfjs optimizers assign new tensors to variables instead of writing in
 * place, so holding a reference to the tensors a step started from keeps those values alive. The trainer
 * reads metrics in groups a few times a second; until a step's loss is read, its starting weights are
 * held, and once it is read and finite they become the kept ones (older references are let go). A guard
 * that kept a copy on the backend with one select per weight per step cost LeNet-5 about 10 % of its
 * images/s on wasm; this one holds at most the versions of the steps not read yet.
 */
export class DivergenceGuard {
  /** The weights each step not yet confirmed started from, by step. */
  private readonly pending = new Map<number, tf.Tensor[]>();
  /** The weights of the last step whose loss was read and finite (at first: the initial weights). */
  private good: tf.Tensor[];
  /** Batch-norm moving statistics: not in the loss while training, so checked themselves. */
  private readonly statistics: number[];

  constructor(private readonly weights: tf.LayerVariable[]) {
    this.good = weights.map((w) => tf.keep(w.read().clone()));
    this.statistics = weights.flatMap((w, i) => (w.trainable ? [] : [i]));
  }

  /**
   * Before step `step` (inside its tidy): holds the weights it starts from. Returns, when the model has
   * moving statistics, a scalar that is 0 where they are all finite and NaN otherwise, to be read with
   * the step's metrics; null without any.
   */
  beforeStep(step: number): tf.Scalar | null {
    this.pending.set(
      step,
      this.weights.map((w) => tf.keep(w.read().clone())),
    );
    if (this.statistics.length === 0) return null;
    // x − x is 0 for a finite x and NaN for NaN and ±∞ (IsFinite has no wasm kernel).
    return tf.addN(this.statistics.map((i) => tf.sum(tf.sub(this.weights[i].read(), this.weights[i].read())))) as tf.Scalar;
  }

  /** Step `step`'s metrics were read and finite: the weights it started from become the kept ones. */
  confirm(step: number): void {
    const weights = this.pending.get(step);
    if (!weights) return;
    tf.dispose(this.good);
    this.good = weights;
    for (const [s, held] of this.pending) {
      if (s > step) continue;
      this.pending.delete(s);
      if (held !== weights) tf.dispose(held);
    }
  }

  /** Whether beforeStep returns a statistics check, which the trainer reads with the step's metrics. */
  get checksStatistics(): boolean {
    return this.statistics.length > 0;
  }

  /** Puts the last good weights back into the model. */
  restore(): void {
    this.weights.forEach((w, i) => w.write(this.good[i]));
  }

  dispose(): void {
    for (const held of this.pending.values()) tf.dispose(held);
    this.pending.clear();
    tf.dispose(this.good);
  }
}
