import * as tf from '@tensorflow/tfjs';
import { asKernelFunc, heapF32, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/**
 * tanh(v) = sign(v)·(1 − e)/(1 + e) with e = exp(−2|v|), in double precision, so exact to float32
 * rounding. The backend's Tanh calls a scalar libm tanh per element and is the slowest kernel in a
 * tanh network's forward pass.
 */
function tanh({ inputs, backend }: WasmKernelArgs<object>): TensorInfo {
  const { x } = inputs;
  const out = backend.makeOutput(x.shape, 'float32');
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
