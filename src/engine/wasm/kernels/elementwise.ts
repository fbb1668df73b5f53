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
