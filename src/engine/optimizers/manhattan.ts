import * as tf from '@tensorflow/tfjs';

/** One entry of an optimizer's gradient list (tfjs-core's `NamedTensor`, which tfjs does not export). */
export interface NamedGradient {
  name: string;
  tensor: tf.Tensor;
}
export type VariableGradients = tf.NamedTensorMap | NamedGradient[];

/** The gradients as a list, in the order tfjs hands them over (a map keeps the variables' order). */
export function gradientList(gradients: VariableGradients): NamedGradient[] {
  return Array.isArray(gradients) ? gradients : Object.keys(gradients).map((name) => ({ name, tensor: gradients[name] }));
}

/** The engine's variable called `name` (the gradients name the variables they belong to). */
export function variableNamed(name: string): tf.Variable {
  const variable = tf.engine().registeredVariables[name];
  if (!variable) throw new Error(`optimizer: no variable named "${name}"`);
  return variable;
}

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
