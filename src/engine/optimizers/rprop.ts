import * as tf from '@tensorflow/tfjs';
import { disposeSlots, gradientList, newSlot, slotsFromWeights, slotWeights, variableNamed, type NamedGradient, type Slot, type VariableGradients } from './state';

export interface RpropConfig {
  /** Δ₀, every weight's first step size. */
  initialStep: number;
  /** η⁺ > 1: a step grows by this factor while its gradient keeps its sign. */
  etaPlus: number;
  /** 0 < η⁻ < 1: a step shrinks by this factor when its gradient changes sign. */
  etaMinus: number;
  /** Δmin, the smallest step size. */
  minStep: number;
  /** Δmax, the largest step size. */
  maxStep: number;
}

export const RPROP_DEFAULTS: RpropConfig = { initialStep: 0.01, etaPlus: 1.2, etaMinus: 0.5, minStep: 1e-6, maxStep: 50 };

/**
 * Resilient backpropagation, the iRprop⁻ variant (Riedmiller & Braun 1993; Igel & Hüsken 2000).
 * Every weight has its own step size Δ; only the sign of its gradient is used. With g′ the gradient
 * remembered from the previous step:
 *
 *   g′·g > 0  (same sign):   Δ ← min(η⁺·Δ, Δmax),  w ← w − sign(g)·Δ,  g′ ← g
 *   g′·g < 0  (sign change): Δ ← max(η⁻·Δ, Δmin),  w unchanged,        g′ ← 0
 *   g′·g = 0  (after a sign change, or at the start): w ← w − sign(g)·Δ, g′ ← g
 *
 * (The "−" of iRprop⁻: on a sign change the step is not taken back, the weight just waits one step.)
 * Rprop is a batch method: on small mini-batches the sign of the gradient is mostly noise, so the step
 * sizes grow and shrink at random instead of adapting to the error surface.
 * State: Δ and g′ per weight.
 */
export class RpropOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.Rprop';
  }

  readonly config: RpropConfig;
  private steps: Slot[] = [];
  private previous: Slot[] = [];

  constructor(config: Partial<RpropConfig> = {}) {
    super();
    const c = { ...RPROP_DEFAULTS, ...config };
    if (!(c.etaPlus > 1)) throw new Error(`Rprop: etaPlus must be greater than 1, got ${c.etaPlus}`);
    if (!(c.etaMinus > 0 && c.etaMinus < 1)) throw new Error(`Rprop: etaMinus must be in (0, 1), got ${c.etaMinus}`);
    if (!(c.minStep > 0 && c.minStep <= c.initialStep && c.initialStep <= c.maxStep)) {
      throw new Error(`Rprop: need 0 < minStep ≤ initialStep ≤ maxStep, got ${c.minStep}, ${c.initialStep}, ${c.maxStep}`);
    }
    this.config = c;
  }

  applyGradients(variableGradients: VariableGradients): void {
    const { initialStep, etaPlus, etaMinus, minStep, maxStep } = this.config;
    gradientList(variableGradients).forEach(({ name, tensor: gradient }, i) => {
      const w = variableNamed(name);
      if (this.steps[i] == null) {
        this.steps[i] = newSlot(`${name}/step`, w, initialStep);
        this.previous[i] = newSlot(`${name}/previousGradient`, w);
      }
      if (gradient == null) return;
      const step = this.steps[i].variable;
      const previous = this.previous[i].variable;
      tf.tidy(() => {
        // Compare signs, not the product itself, which can underflow to 0 for tiny gradients.
        const agreement = tf.mul(tf.sign(previous), tf.sign(gradient));
        const same = tf.greater(agreement, 0);
        const changed = tf.less(agreement, 0);
        const newStep = tf.where(
          same,
          tf.minimum(tf.mul(step, etaPlus), maxStep),
          tf.where(changed, tf.maximum(tf.mul(step, etaMinus), minStep), step),
        );
        const remembered = tf.where(changed, tf.zerosLike(gradient), gradient);
        w.assign(tf.sub(w, tf.mul(tf.sign(remembered), newStep)));
        step.assign(newStep);
        previous.assign(remembered);
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    disposeSlots(this.steps, this.previous);
    this.steps = [];
    this.previous = [];
  }

  /** The iteration count, then every step size Δ, then every remembered gradient g′. */
  override async getWeights(): Promise<NamedGradient[]> {
    return [await this.saveIterations(), ...slotWeights(this.steps, this.previous)];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [steps, previous] = slotsFromWeights(rest, 2, 'Rprop: expected as many step sizes as gradients');
    this.dispose();
    this.steps = steps;
    this.previous = previous;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.config };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ ...config });
  }
}
