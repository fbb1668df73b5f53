import * as tf from '@tensorflow/tfjs';
import { disposeSlots, gradientList, newSlot, slotsFromWeights, slotWeights, variableNamed, type NamedGradient, type Slot, type VariableGradients } from './state';

/**
 * Adadelta as Zeiler (2012, Algorithm 1) gives it, times a learning rate η (1 in the paper, as in Keras):
 *
 *   E[g²]  ← ρ·E[g²] + (1 − ρ)·g²
 *   Δw     = −√(E[Δw²] + ε) / √(E[g²] + ε) · g      (E[g²] already updated, E[Δw²] not yet)
 *   E[Δw²] ← ρ·E[Δw²] + (1 − ρ)·Δw²
 *   w      ← w + η·Δw
 *
 * Written here because tfjs 4.22's tf.train.adadelta divides by the previous step's E[g²]: its first
 * step is then a plain SGD step of size η·g, which blows up at the rates Adadelta is used with.
 */
export class AdadeltaOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.Adadelta';
  }

  private gradSquares: Slot[] = [];
  private updateSquares: Slot[] = [];

  constructor(
    public learningRate = 1,
    readonly rho = 0.95,
    readonly epsilon = 1e-6,
  ) {
    super();
    if (!(learningRate > 0)) throw new Error(`Adadelta: learning rate must be greater than 0, got ${learningRate}`);
    if (!(rho >= 0 && rho < 1)) throw new Error(`Adadelta: rho must be in [0, 1), got ${rho}`);
    if (!(epsilon > 0)) throw new Error(`Adadelta: epsilon must be greater than 0, got ${epsilon}`);
  }

  applyGradients(variableGradients: VariableGradients): void {
    const { rho, epsilon } = this;
    gradientList(variableGradients).forEach(({ name, tensor: gradient }, i) => {
      const w = variableNamed(name);
      if (this.gradSquares[i] == null) {
        this.gradSquares[i] = newSlot(`${name}/accum_grad`, w);
        this.updateSquares[i] = newSlot(`${name}/accum_var`, w);
      }
      if (gradient == null) return;
      const eg = this.gradSquares[i].variable;
      const ex = this.updateSquares[i].variable;
      tf.tidy(() => {
        const egNew = tf.add(tf.mul(eg, rho), tf.mul(tf.square(gradient), 1 - rho));
        const delta = tf.mul(tf.div(tf.sqrt(tf.add(ex, epsilon)), tf.sqrt(tf.add(egNew, epsilon))), gradient);
        eg.assign(egNew);
        ex.assign(tf.add(tf.mul(ex, rho), tf.mul(tf.square(delta), 1 - rho)));
        w.assign(tf.sub(w, tf.mul(delta, this.learningRate)));
      });
    });
    this.incrementIterations();
  }

  override dispose(): void {
    disposeSlots(this.gradSquares, this.updateSquares);
    this.gradSquares = [];
    this.updateSquares = [];
  }

  /** The iteration count, then every E[g²], then every E[Δw²] (the layout of tfjs's Adadelta). */
  override async getWeights(): Promise<NamedGradient[]> {
    return [await this.saveIterations(), ...slotWeights(this.gradSquares, this.updateSquares)];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [gradSquares, updateSquares] = slotsFromWeights(rest, 2, 'Adadelta: expected as many E[g²] as E[Δw²] tensors');
    this.dispose();
    this.gradSquares = gradSquares;
    this.updateSquares = updateSquares;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate, config.rho, config.epsilon);
  }
}
