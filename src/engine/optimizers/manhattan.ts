import * as tf from '@tensorflow/tfjs';
import { gradientList, variableNamed, type NamedGradient, type VariableGradients } from './state';

/**
 * The Manhattan update rule: every weight moves by the same amount, the learning rate, against the
 * sign of its gradient — w ← w − η·sign(∂E/∂w). The gradient's size is ignored, only its direction per
 * weight counts; a weight whose gradient is exactly 0 stays put. Stateless.
 */
export class ManhattanOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.Manhattan';
  }

  constructor(public learningRate: number) {
    super();
    if (!(learningRate > 0)) throw new Error(`Manhattan: learning rate must be greater than 0, got ${learningRate}`);
  }

  applyGradients(variableGradients: VariableGradients): void {
    for (const { name, tensor: gradient } of gradientList(variableGradients)) {
      if (gradient == null) continue;
      const w = variableNamed(name);
      tf.tidy(() => {
        w.assign(tf.sub(w, tf.mul(tf.sign(gradient), this.learningRate)));
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    // No tensors of its own.
  }

  override async getWeights(): Promise<NamedGradient[]> {
    return [await this.saveIterations()];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    if (rest.length !== 0) throw new Error('Manhattan: the update rule has no state besides the iteration count');
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config.learningRate);
  }
}
