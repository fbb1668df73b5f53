import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { asKernelFunc, heapF32, heapOffset, type TensorInfo, type WasmKernelArgs } from './shared.ts';

// 2-D pooling and its gradients as loops over the wasm heap, channels innermost (contiguous in NHWC).
// The backend's own AvgPool, AvgPoolGrad and MaxPoolGrad are several times slower at LeNet sizes.
// Semantics follow the cpu backend: the average divides by the in-bounds window size, its gradient by
// the full window size (the two agree for 'valid' padding, the only kind the models use), and a max
// pool's gradient goes to the first maximum of each window in row-major order. The average pool, its
// gradient and the max pool's gradient run compiled (SIMD over channels, ../native/kernels.c) where that
// module is attached.

type PoolInfo = tf.backend_util.Conv2DInfo;

function poolInfo(shape: number[], filterSize: number | [number, number], strides: number | [number, number], pad: PoolAttrs['pad'], dimRoundingMode?: 'floor' | 'round' | 'ceil'): PoolInfo {
  return tf.backend_util.computePool2DInfo(shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
}

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The geometry arguments of the compiled pooling kernels. */
function geometry(info: PoolInfo): number[] {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  return [batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo.top, padInfo.left];
}

function avgPoolForward(backend: BackendWasm, x: TensorInfo, info: PoolInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const out = backend.makeOutput(info.outShape, 'float32');
  const native = nativeKernelsFor(backend);
  if (native) {
    native.avgPool(heapOffset(backend, x), heapOffset(backend, out), ...geometry(info));
    return out;
  }
  const xv = heapF32(backend, x);
  const y = heapF32(backend, out);
  const acc = new Float64Array(c);
  const row = inWidth * c;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * row;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - padInfo.top;
      const hMin = Math.max(0, h0);
      const hMax = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += c) {
        const w0 = ow * strideWidth - padInfo.left;
        const wMin = Math.max(0, w0);
        const wMax = Math.min(inWidth, w0 + filterWidth);
        acc.fill(0);
        for (let h = hMin; h < hMax; h++) {
          let p = base + h * row + wMin * c;
          for (let w = wMin; w < wMax; w++, p += c) for (let ch = 0; ch < c; ch++) acc[ch] += xv[p + ch];
        }
        const scale = 1 / Math.max(1, (hMax - hMin) * (wMax - wMin));
        for (let ch = 0; ch < c; ch++) y[o + ch] = acc[ch] * scale;
      }
    }
  }
  return out;
}

function avgPoolBackward(backend: BackendWasm, dy: TensorInfo, info: PoolInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const out = backend.makeOutput(info.inShape, 'float32');
  const native = nativeKernelsFor(backend);
  if (native) {
    native.avgPoolGrad(heapOffset(backend, dy), heapOffset(backend, out), ...geometry(info));
    return out;
  }
  const g = heapF32(backend, dy);
  const dx = heapF32(backend, out);
  dx.fill(0);
  const scale = 1 / (filterHeight * filterWidth);
  const row = inWidth * c;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * row;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - padInfo.top;
      const hMin = Math.max(0, h0);
      const hMax = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += c) {
        const w0 = ow * strideWidth - padInfo.left;
        const wMin = Math.max(0, w0);
        const wMax = Math.min(inWidth, w0 + filterWidth);
        for (let h = hMin; h < hMax; h++) {
          let p = base + h * row + wMin * c;
          for (let w = wMin; w < wMax; w++, p += c) for (let ch = 0; ch < c; ch++) dx[p + ch] += g[o + ch] * scale;
        }
      }
    }
  }
  return out;
}

function maxPoolBackward(backend: BackendWasm, dy: TensorInfo, x: TensorInfo, info: PoolInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const out = backend.makeOutput(info.inShape, 'float32');
  const native = nativeKernelsFor(backend);
  if (native) {
    native.maxPoolGrad(heapOffset(backend, dy), heapOffset(backend, x), heapOffset(backend, out), ...geometry(info));
    return out;
  }
  const g = heapF32(backend, dy);
  const xv = heapF32(backend, x);
  const dx = heapF32(backend, out);
  dx.fill(0);
  const row = inWidth * c;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * row;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - padInfo.top;
      const hMin = Math.max(0, h0);
      const hMax = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, o += c) {
        const w0 = ow * strideWidth - padInfo.left;
        const wMin = Math.max(0, w0);
        const wMax = Math.min(inWidth, w0 + filterWidth);
        if (hMin >= hMax || wMin >= wMax) continue;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let h = hMin; h < hMax; h++) {
            let p = base + h * row + wMin * c + ch;
            for (let w = wMin; w < wMax; w++, p += c) {
              const v = xv[p];
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          // An all-NaN (or all −∞) window: the cpu backend's position is then −1, which drops the gradient.
          if (at < 0) continue;
          dx[at] += g[o + ch];
        }
      }
    }
  }
  return out;
}

/** AvgPool: the backend's own is kept for NCHW or dilated pools (which the layers never make). */
export function fastAvgPool(original: tf.KernelFunc): tf.KernelFunc {
  return asKernelFunc(({ inputs, backend, attrs }: WasmKernelArgs<PoolAttrs & { dataFormat?: string }>): TensorInfo => {
    const { x } = inputs;
    if (x.dtype !== 'float32' || x.shape.length !== 4) return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo;
    const info = poolInfo(x.shape, attrs.filterSize, attrs.strides, attrs.pad, attrs.dimRoundingMode);
    if (info.filterWidth === 1 && info.filterHeight === 1 && tf.util.arraysEqual(info.inShape, info.outShape)) {
      return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo;
    }
    return avgPoolForward(backend, x, info);
  });
}

function avgPoolGrad({ inputs, backend, attrs }: WasmKernelArgs<PoolAttrs>): TensorInfo {
  const { dy, input } = inputs;
  return avgPoolBackward(backend, dy, poolInfo(input.shape, attrs.filterSize, attrs.strides, attrs.pad));
}

function maxPoolGrad({ inputs, backend, attrs }: WasmKernelArgs<PoolAttrs>): TensorInfo {
  const { dy, input } = inputs;
  return maxPoolBackward(backend, dy, input, poolInfo(input.shape, attrs.filterSize, attrs.strides, attrs.pad, attrs.dimRoundingMode));
}

export const avgPoolGradKernel = asKernelFunc(avgPoolGrad);
export const maxPoolGradKernel = asKernelFunc(maxPoolGrad);
