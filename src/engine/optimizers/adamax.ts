import * as tf from '@tensorflow/tfjs';
import { disposeSlots, gradientList, newSlot, slotsFromWeights, slotWeights, variableNamed, type NamedGradient, type Slot, type VariableGradients } from './state';

/**
 * Adamax (Kingma & Ba 2015, Algorithm 2): Adam with the second moment's L2 norm replaced by the
 * infinity norm. At step t = 1, 2, …:
 *
 *   m ← β₁·m + (1 − β₁)·g          (first moment)
 *   u ← max(β₂·u, |g|)             (exponentially weighted infinity norm)
 *   w ← w − (η / (1 − β₁ᵗ)) · m / (u + ε)
 *
 * Only m needs the bias correction 1/(1 − β₁ᵗ); u is not biased towards zero. ε (not in the paper)
 * keeps 0/0 away from weights whose gradient has always been 0. State: m and u per weight.
 */
export class AdamaxOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.Adamax';
  }

  private moments: Slot[] = [];
  private norms: Slot[] = [];

  constructor(
    public learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-7,
  ) {
    super();
    if (!(learningRate > 0)) throw new Error(`Adamax: learning rate must be greater than 0, got ${learningRate}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`Adamax: beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new Error(`Adamax: beta2 must be in [0, 1), got ${beta2}`);
    if (!(epsilon > 0)) throw new Error(`Adamax: epsilon must be greater than 0, got ${epsilon}`);
  }

  applyGradients(variableGradients: VariableGradients): void {
    const t = this.iterations + 1;
    const stepSize = this.learningRate / (1 - this.beta1 ** t); // η/(1 − β₁ᵗ), in double precision
    gradientList(variableGradients).forEach(({ name, tensor: gradient }, i) => {
      const w = variableNamed(name);
      if (this.moments[i] == null) {
        this.moments[i] = newSlot(`${name}/m`, w);
        this.norms[i] = newSlot(`${name}/u`, w);
      }
      if (gradient == null) return;
      const m = this.moments[i].variable;
      const u = this.norms[i].variable;
      tf.tidy(() => {
        const mNew = tf.add(tf.mul(m, this.beta1), tf.mul(gradient, 1 - this.beta1));
        const uNew = tf.maximum(tf.mul(u, this.beta2), tf.abs(gradient));
        m.assign(mNew);
        u.assign(uNew);
        w.assign(tf.sub(w, tf.mul(tf.div(mNew, tf.add(uNew, this.epsilon)), stepSize)));
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    disposeSlots(this.moments, this.norms);
    this.moments = [];
    this.norms = [];
  }

  /** The iteration count, then every m, then every u (the layout of tfjs's Adam). */
  override async getWeights(): Promise<NamedGradient[]> {
    return [await this.saveIterations(), ...slotWeights(this.moments, this.norms)];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [moments, norms] = slotsFromWeights(rest, 2, 'Adamax: expected as many m as u tensors');
    this.dispose();
    this.moments = moments;
    this.norms = norms;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}
