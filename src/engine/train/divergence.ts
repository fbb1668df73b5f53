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

/** True (as a bool scalar) when every element of `t` is finite: x − x is 0 for finite x and NaN for NaN and ±∞. */
function allFinite(t: tf.Tensor): tf.Scalar {
  // IsFinite has no wasm kernel in every tfjs version; Sub, Sum and Equal do.
  return tf.equal(tf.sum(tf.sub(t, t)), 0) as tf.Scalar;
}

/**
 * Keeps, on the backend, the model's weights as they were at the last step whose loss was finite, so a run
 * that blows up ends with the model from before it blew up (Keras's TerminateOnNaN keeps the broken
 * weights). Nothing is read back: the trainer reads metrics in groups a few times a second and learns of a
 * NaN a few steps late, but the kept copy stops moving at the first bad step, so those steps cost time only.
 *
 * Per step it costs one select per weight tensor; the step's own weights are referenced, not copied
 * (tfjs optimizers assign new tensors to variables rather than writing in place).
 */
export class DivergenceGuard {
  private readonly good: tf.Variable[];
  /** 1 until the first non-finite loss, then 0 for ever. */
  private readonly healthy: tf.Variable;
  private candidate: tf.Tensor[] | null = null;

  constructor(private readonly weights: tf.LayerVariable[]) {
    this.good = weights.map((w) => tf.variable(w.read(), false));
    const one = tf.scalar(1);
    this.healthy = tf.variable(one, false);
    one.dispose(); // the variable holds its own reference to the value
  }

  /** Before the step: remember the weights the step starts from (and so the ones its loss is measured at). */
  beforeStep(): void {
    this.candidate = this.weights.map((w) => tf.keep(w.read().clone()));
  }

  /**
   * After the step, with its losses (measured at the weights before it): those weights become the kept
   * ones when every loss is finite, the batch-norm statistics they carry are finite, and no earlier step
   * went bad.
   */
  afterStep(losses: tf.Tensor[]): void {
    const candidate = this.candidate;
    if (!candidate) return;
    this.candidate = null;
    tf.tidy(() => {
      // Trainable weights feed the loss, so a NaN there shows in it; moving statistics do not (training
      // uses batch statistics) and are checked themselves.
      const checks = [...losses, ...candidate.filter((_, i) => !this.weights[i].trainable)].map(allFinite);
      const ok = checks.reduce((a, b) => tf.logicalAnd(a, b), tf.notEqual(this.healthy, 0) as tf.Scalar);
      this.healthy.assign(tf.cast(ok, 'float32'));
      this.good.forEach((g, i) => g.assign(tf.where(ok, candidate[i], g)));
    });
    tf.dispose(candidate);
  }

  /** Puts the last good weights back into the model. */
  restore(): void {
    this.weights.forEach((w, i) => w.write(this.good[i]));
  }

  dispose(): void {
    if (this.candidate) tf.dispose(this.candidate);
    tf.dispose([...this.good, this.healthy]);
  }
}
