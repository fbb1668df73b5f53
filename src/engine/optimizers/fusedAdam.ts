import * as tf from '@tensorflow/tfjs';
import { ADAM_STEP, type AdamStepAttrs } from '../wasm/kernels/adam';
import { gradientList, variableNamed, type VariableGradients } from './state';

/** tfjs's AdamOptimizer keeps its slots private; the update below works on the same ones. */
interface AdamSlots {
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

/** A weight's value, gradient and moments → its new value and moments. */
type WeightUpdate = (x: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor) => tf.Tensor[];

/** Adam's constants as tensors, made once per backend: a number in an op is a new tensor, uploaded each time. */
interface Constants {
  backend: string;
  beta1: tf.Scalar;
  oneMinusBeta1: tf.Scalar;
  beta2: tf.Scalar;
  oneMinusBeta2: tf.Scalar;
}

/**
 * tfjs's Adam, with each weight's update done by one kernel (ADAM_STEP) where the current backend has it
 * (wasm). Same slots, names, weights and class name, so a saved optimizer state and the rest of the app see
 * tfjs's Adam; on wasm the update of LeNet-5 went from about 130 kernel calls a step to 10.
 *
 * Elsewhere (webgl, webgpu, cpu) the update is tfjs's arithmetic with two changes for a GPU. tfjs's Adam
 * turns six numbers into tensors per weight (β₁, 1 − β₁, β₂, 1 − β₂, ε, −η), and on a GPU backend
 * each such tensor is a texture or buffer created and uploaded: 51 of a LeNet-5 step's 70 uploads on webgl.
 * Here the constants are tensors kept across steps, and the bias corrections fold into two numbers per
 * step shared by every weight: x ← x − η·√c₂/c₁ · m / (√v + ε·√c₂), the same as tfjs's
 * x − η·(m/c₁) / (√(v/c₂) + ε), in 12 kernels a weight instead of 14.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  private constants: Constants | null = null;

  applyGradients(variableGradients: VariableGradients | Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const slots = this as unknown as AdamSlots;
    const kernel = tf.getKernel(ADAM_STEP, tf.getBackend()) != null;
    const kept = kernel ? null : this.keptConstants();
    // β^t at this step t = iterations + 1, in double precision; tfjs multiplies float32 accumulators.
    const t = this.iterations + 1;
    const c1 = 1 - this.beta1 ** t;
    const c2 = 1 - this.beta2 ** t;
    tf.tidy(() => {
      const update = kept ? this.keptConstantsUpdate(kept, c1, c2) : this.kernelUpdate(c1, c2);
      gradientList(variableGradients as VariableGradients).forEach(({ name, tensor: gradient }, i) => {
        const value = variableNamed(name);
        slots.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        slots.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = slots.accumulatedFirstMoment[i].variable;
        const v = slots.accumulatedSecondMoment[i].variable;
        const [x2, m2, v2] = update(value, gradient, m, v);
        value.assign(x2);
        m.assign(m2);
        v.assign(v2);
      });
      // Kept as tfjs keeps them (β^(t+1) for the next step), for getWeights and a switch of backend: from
      // numbers where they cost nothing to upload (wasm), multiplied on the backend elsewhere, as tfjs does.
      slots.accBeta1.assign(kept ? tf.mul(slots.accBeta1, kept.beta1) : tf.scalar(this.beta1 ** (t + 1)));
      slots.accBeta2.assign(kept ? tf.mul(slots.accBeta2, kept.beta2) : tf.scalar(this.beta2 ** (t + 1)));
    });
    this.incrementIterations();
  }

  /** One weight's new value and moments in one ADAM_STEP kernel. */
  private kernelUpdate(c1: number, c2: number): WeightUpdate {
    const attrs: AdamStepAttrs = { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, c1, c2 };
    return (x, g, m, v) => tf.engine().runKernel(ADAM_STEP, { x, g, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  }

  /** One weight's new value and moments from the kept constants and this step's two numbers (see above). */
  private keptConstantsUpdate(k: Constants, c1: number, c2: number): WeightUpdate {
    // The two numbers of this step, uploaded once for all the weights.
    const step = tf.scalar((-this.learningRate * Math.sqrt(c2)) / c1);
    const epsilon = tf.scalar(this.epsilon * Math.sqrt(c2));
    return (x, g, m, v) => {
      const m2 = tf.add(tf.mul(m, k.beta1), tf.mul(g, k.oneMinusBeta1));
      const v2 = tf.add(tf.mul(v, k.beta2), tf.mul(tf.square(g), k.oneMinusBeta2));
      return [tf.add(x, tf.mul(tf.div(m2, tf.add(tf.sqrt(v2), epsilon)), step)), m2, v2];
    };
  }

  /** The constants on the current backend; made again after a switch of backend (β never changes). */
  private keptConstants(): Constants {
    const backend = tf.getBackend();
    const c = this.constants;
    if (c && c.backend === backend) return c;
    this.disposeConstants();
    const made = tf.tidy(() => ({
      beta1: tf.keep(tf.scalar(this.beta1)),
      oneMinusBeta1: tf.keep(tf.scalar(1 - this.beta1)),
      beta2: tf.keep(tf.scalar(this.beta2)),
      oneMinusBeta2: tf.keep(tf.scalar(1 - this.beta2)),
    }));
    this.constants = { backend, ...made };
    return this.constants;
  }

  private disposeConstants(): void {
    if (!this.constants) return;
    const { beta1, oneMinusBeta1, beta2, oneMinusBeta2 } = this.constants;
    tf.dispose([beta1, oneMinusBeta1, beta2, oneMinusBeta2]);
    this.constants = null;
  }

  dispose(): void {
    this.disposeConstants();
    super.dispose();
  }
}
