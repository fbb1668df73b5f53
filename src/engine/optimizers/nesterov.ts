import * as tf from '@tensorflow/tfjs';
import { disposeSlots, gradientList, newSlot, slotsFromWeights, slotWeights, variableNamed, type NamedGradient, type Slot, type VariableGradients } from './state';

/**
 * SGD with Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in the form that evaluates the
 * gradient at the stored weights:
 *
 *   v ← μ·v − η·g
 *   w ← w + μ·v − η·g
 *
 * This is the classic look-ahead rule v ← μv − η∇E(w + μv), w ← w + v rewritten for the variable
 * w + μv (so the stored weights are always the look-ahead point): plain momentum would move by v,
 * Nesterov adds the momentum step once more (μ·v) and the fresh gradient step once more (−η·g).
 * State: one velocity v per weight, zero at the start.
 */
export class NesterovOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.Nesterov';
  }

  /** Velocities by position in the gradient list, as tfjs's own optimizers keep their slots. */
  private velocities: Slot[] = [];

  constructor(
    public learningRate: number,
    readonly momentum = 0.9,
  ) {
    super();
    if (!(learningRate > 0)) throw new Error(`Nesterov: learning rate must be greater than 0, got ${learningRate}`);
    if (!(momentum >= 0 && momentum < 1)) throw new Error(`Nesterov: momentum must be in [0, 1), got ${momentum}`);
  }

  applyGradients(variableGradients: VariableGradients): void {
    gradientList(variableGradients).forEach(({ name, tensor: gradient }, i) => {
      const w = variableNamed(name);
      if (this.velocities[i] == null) {
        this.velocities[i] = newSlot(`${name}/velocity`, w);
      }
      if (gradient == null) return;
      const v = this.velocities[i].variable;
      tf.tidy(() => {
        const step = tf.mul(gradient, this.learningRate); // η·g
        const vNew = tf.sub(tf.mul(v, this.momentum), step); // μ·v − η·g
        v.assign(vNew);
        w.assign(tf.sub(tf.add(w, tf.mul(vNew, this.momentum)), step)); // w + μ·v − η·g
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    disposeSlots(this.velocities);
    this.velocities = [];
  }

  override async getWeights(): Promise<NamedGradient[]> {
    return [await this.saveIterations(), ...slotWeights(this.velocities)];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [velocities] = slotsFromWeights(rest, 1, 'Nesterov: expected one velocity per weight');
    disposeSlots(this.velocities);
    this.velocities = velocities;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, momentum: this.momentum };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.momentum);
  }
}
