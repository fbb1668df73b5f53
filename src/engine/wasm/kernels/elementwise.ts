import * as tf from '@tensorflow/tfjs';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { asKernelFunc, heapF32, heapOffset, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/**
 * The backend's Tanh calls a scalar libm tanh per element and was the slowest kernel of a tanh network's
 * step. The compiled kernel (SIMD, ../native/kernels.c) takes four elements at a time; without it,
 * tanh(v) = sign(v)·(1 − e)/(1 + e) with e = exp(−2|v|) in double precision, exact to float32 rounding.
 */
function tanh({ inputs, backend }: WasmKernelArgs<object>): TensorInfo {
  const { x } = inputs;
  const out = backend.makeOutput(x.shape, 'float32');
  const native = nativeKernelsFor(backend);
  if (native) {
    native.tanh(heapOffset(backend, x), heapOffset(backend, out), tf.util.sizeFromShape(x.shape));
    return out;
  }
  const src = heapF32(backend, x);
  const dst = heapF32(backend, out);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    const e = Math.exp(-2 * Math.abs(v));
    const t = (1 - e) / (1 + e);
    dst[i] = v < 0 ? -t : t;
  }
  return out;
}

export function fastTanh(original: tf.KernelFunc): tf.KernelFunc {
  const fast = asKernelFunc(tanh);
  return (args) => ((args.inputs.x as TensorInfo).dtype === 'float32' ? fast(args) : original(args));
}

/** A kernel of this project's: tanh's gradient dy·(1 − y²) from its output y, in one pass. */
export const TANH_GRAD = 'CnnTanhGrad';

function tanhGrad({ inputs, backend }: WasmKernelArgs<object>): TensorInfo {
  const { y, dy } = inputs;
  const out = backend.makeOutput(y.shape, 'float32');
  const n = tf.util.sizeFromShape(y.shape);
  const native = nativeKernelsFor(backend);
  if (native) {
    native.tanhGrad(heapOffset(backend, y), heapOffset(backend, dy), heapOffset(backend, out), n);
    return out;
  }
  const ys = heapF32(backend, y);
  const dys = heapF32(backend, dy);
  const dst = heapF32(backend, out);
  for (let i = 0; i < n; i++) dst[i] = dys[i] * (1 - ys[i] * ys[i]);
  return out;
}

export const tanhGradConfig: tf.KernelConfig = { kernelName: TANH_GRAD, backendName: 'wasm', kernelFunc: asKernelFunc(tanhGrad) };

/**
 * Tanh's gradient, dy·(1 − y²), in one kernel where the current backend has TANH_GRAD; registered for
 * every backend, since tfjs keeps one gradient per kernel name. Elsewhere it is three kernels, as in tfjs,
 * but written dy − (dy·y)·y: tfjs's 1 − y² makes the 1 a new tensor on every step, which on a GPU backend
 * is a texture or buffer created and uploaded per tanh layer (four of a LeNet-5 step's uploads on webgl).
 */
export const tanhGradientConfig: tf.GradConfig = {
  kernelName: tf.Tanh,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [y] = saved;
    const d = dy as tf.Tensor;
    if (d.dtype === 'float32' && y.dtype === 'float32' && tf.getKernel(TANH_GRAD, tf.getBackend())) {
      return { x: () => tf.engine().runKernel(TANH_GRAD, { y, dy: d }) as tf.Tensor };
    }
    return { x: () => tf.sub(d, tf.mul(tf.mul(d, y), y)) };
  },
};

/**
 * Identity shares the input's data instead of copying it, as the cpu backend's does and as the wasm
 * backend's own Reshape already does (tensor data is never written in place, so a shared buffer is safe).
 * The tape clones every tensor a gradient saves, so on wasm each step copied each layer's activations
 * and inputs once more (85 copies a LeNet-5 step, the 64×28×28×6 activations among them).
 */
function identity({ inputs, backend }: WasmKernelArgs<object>): TensorInfo {
  const { x } = inputs;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function sharedIdentity(original: tf.KernelFunc): tf.KernelFunc {
  const shared = asKernelFunc(identity);
  return (args) => ((args.inputs.x as TensorInfo).dtype === 'string' ? original(args) : shared(args));
}
