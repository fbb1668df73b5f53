import * as tf from '@tensorflow/tfjs';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { heapF32, heapOffset, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/** A kernel of this project's: one Adam step for one weight tensor (src/engine/optimizers/fusedAdam.ts). */
export const ADAM_STEP = 'CnnAdamStep';

export interface AdamStepAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ at this step t: the bias corrections. */
  c1: number;
  c2: number;
}

/**
 * tfjs's Adam spends about twelve kernels on each weight tensor a step (over a hundred for LeNet-5, most of
 * them on a few hundred numbers, so the cost is the calls). This is the same arithmetic in one pass:
 * the compiled kernel where it is attached, a JavaScript loop over the heap otherwise. Outputs are new
 * tensors (weight, first and second moment), since the old weights may still be held.
 */
function adamStep({ inputs, backend, attrs }: WasmKernelArgs<AdamStepAttrs>): TensorInfo[] {
  const { x, g, m, v } = inputs;
  const { learningRate: lr, beta1, beta2, epsilon, c1, c2 } = attrs;
  const n = tf.util.sizeFromShape(x.shape);
  const x2 = backend.makeOutput(x.shape, 'float32');
  const m2 = backend.makeOutput(x.shape, 'float32');
  const v2 = backend.makeOutput(x.shape, 'float32');
  const native = nativeKernelsFor(backend);
  if (native) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    native.adam(at(x), at(g), at(m), at(v), at(x2), at(m2), at(v2), n, lr, beta1, beta2, epsilon, c1, c2);
    return [x2, m2, v2];
  }
  // Float32 intermediates, like the kernels the loop stands in for.
  const f = Math.fround;
  const [xs, gs, ms, vs, xo, mo, vo] = [x, g, m, v, x2, m2, v2].map((t) => heapF32(backend, t));
  const ob1 = f(1 - beta1);
  const ob2 = f(1 - beta2);
  for (let i = 0; i < n; i++) {
    const gi = gs[i];
    const mi = f(f(ms[i] * beta1) + f(gi * ob1));
    const vi = f(f(vs[i] * beta2) + f(f(gi * gi) * ob2));
    mo[i] = mi;
    vo[i] = vi;
    xo[i] = f(f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + epsilon)) * -lr) + xs[i]);
  }
  return [x2, m2, v2];
}

export const adamStepConfig: tf.KernelConfig = {
  kernelName: ADAM_STEP,
  backendName: 'wasm',
  kernelFunc: adamStep as unknown as tf.KernelFunc,
};
