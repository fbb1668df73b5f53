import * as tf from '@tensorflow/tfjs';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { asKernelFunc, heapOffset, type TensorInfo, type WasmKernelArgs } from './shared.ts';

// A layer's bias: the forward pass adds a [c] vector to every row of an [..., c] tensor, and its gradient
// sums the rows. The backend's Add takes a slow general broadcasting path for it, and its Sum over all axes
// but the last transposes first; the compiled kernels (../native/kernels.c) do each in one pass. Every
// other case, and every case while the compiled module is not attached, stays with the backend's kernels.

const isBias = (x: TensorInfo, bias: TensorInfo) =>
  x.dtype === 'float32' && bias.dtype === 'float32' && bias.shape.length === 1 && x.shape.length >= 2 && x.shape[x.shape.length - 1] === bias.shape[0];

export function fastAdd(original: tf.KernelFunc): tf.KernelFunc {
  return asKernelFunc(({ inputs, backend, attrs }: WasmKernelArgs<object>): TensorInfo => {
    const { a, b } = inputs;
    const native = nativeKernelsFor(backend);
    const [x, bias] = isBias(a, b) ? [a, b] : isBias(b, a) ? [b, a] : [null, null];
    if (!native || !x || !bias) return original({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
    const c = bias.shape[0];
    const out = backend.makeOutput(x.shape, 'float32');
    native.biasAdd(heapOffset(backend, x), heapOffset(backend, bias), heapOffset(backend, out), tf.util.sizeFromShape(x.shape) / c, c);
    return out;
  });
}

export function fastSum(original: tf.KernelFunc): tf.KernelFunc {
  return asKernelFunc(({ inputs, backend, attrs }: WasmKernelArgs<{ axis: number | number[]; keepDims: boolean }>): TensorInfo => {
    const { x } = inputs;
    const native = nativeKernelsFor(backend);
    const rank = x.shape.length;
    const axes = native && x.dtype === 'float32' ? [...tf.util.parseAxisParam(attrs.axis, x.shape)].sort((p, q) => p - q) : [];
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((axis, i) => axis === i);
    if (!native || !leading) return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo;
    const c = x.shape[rank - 1];
    const shape = attrs.keepDims ? [...Array<number>(rank - 1).fill(1), c] : [c];
    const out = backend.makeOutput(shape, 'float32');
    native.sumRows(heapOffset(backend, x), heapOffset(backend, out), tf.util.sizeFromShape(x.shape) / c, c);
    return out;
  });
}
