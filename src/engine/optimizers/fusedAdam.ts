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

/**
 * tfjs's Adam, with each weight's update done by one kernel (ADAM_STEP) where the current backend has it
 * (wasm), and by tfjs's own dozen kernels elsewhere. Same slots, names, weights and class name, so a saved
 * optimizer state and the rest of the app see tfjs's Adam; on wasm the update of LeNet-5 went from about 130
 * kernel calls a step to 10.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  applyGradients(variableGradients: VariableGradients | Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(ADAM_STEP, tf.getBackend())) {
      super.applyGradients(variableGradients as Parameters<tf.AdamOptimizer['applyGradients']>[0]);
      return;
    }
    const slots = this as unknown as AdamSlots;
    // β^t at this step t = iterations + 1, in double precision; tfjs multiplies float32 accumulators.
    const t = this.iterations + 1;
    const attrs: AdamStepAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      c1: 1 - this.beta1 ** t,
      c2: 1 - this.beta2 ** t,
    };
    tf.tidy(() => {
      gradientList(variableGradients as VariableGradients).forEach(({ name, tensor: gradient }, i) => {
        const value = variableNamed(name);
        slots.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        slots.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = slots.accumulatedFirstMoment[i].variable;
        const v = slots.accumulatedSecondMoment[i].variable;
        const [x2, m2, v2] = tf.engine().runKernel(ADAM_STEP, { x: value, g: gradient, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        value.assign(x2);
        m.assign(m2);
        v.assign(v2);
      });
      // Kept as tfjs keeps them (β^(t+1) for the next step), for getWeights and a switch of backend.
      slots.accBeta1.assign(tf.scalar(this.beta1 ** (t + 1)));
      slots.accBeta2.assign(tf.scalar(this.beta2 ** (t + 1)));
    });
    this.incrementIterations();
  }
}
