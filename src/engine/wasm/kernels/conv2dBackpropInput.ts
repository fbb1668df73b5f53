import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { asKernelFunc, conv2DInfo, free, heapF32, heapOffset, reshapeOwned, runWasmKernel, transpose, type TensorInfo, type WasmKernelArgs } from './shared.ts';

type Conv2DInfo = tf.backend_util.Conv2DInfo;

/** W[kh,kw,ci,co] → W'[KH−1−kh, KW−1−kw, co, ci]: the filter of the transposed convolution. */
function flipTransposeFilter(backend: BackendWasm, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const w = heapF32(backend, filter);
  const f = heapF32(backend, out);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const src = (i * kw + j) * ci * co;
      const dst = ((kh - 1 - i) * kw + (kw - 1 - j)) * co * ci;
      for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) f[dst + o * ci + c] = w[src + c * co + o];
    }
  }
  return out;
}

/**
 * Stride 1: dx is the convolution of dy, padded by (kernel − 1 − forward padding), with the flipped,
 * channel-transposed filter, on the backend's XNNPACK Conv2D. Null where that padding would be negative.
 */
export function backpropInputViaConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo | null {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  if (strideHeight !== 1 || strideWidth !== 1) return null;
  const top = filterHeight - 1 - padInfo.top;
  const left = filterWidth - 1 - padInfo.left;
  const bottom = inHeight - outHeight - top + filterHeight - 1;
  const right = inWidth - outWidth - left + filterWidth - 1;
  if (Math.min(top, left, bottom, right) < 0) return null;
  const flipped = flipTransposeFilter(backend, filter, info);
  const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
  const out = runWasmKernel(backend, 'Conv2D', { x: dy, filter: flipped }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] });
  free(backend, flipped);
  return out;
}

/**
 * Any stride: columns = dy · Wᵀ (one row of kh·kw·ci values per output pixel, on the backend's XNNPACK
 * matmul), then each column is added back into the input positions its window read (col2im).
 */
export function backpropInputViaCol2Im(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const k = filterHeight * filterWidth * inChannels;
  const n = batchSize * outHeight * outWidth;
  const wT = transpose(backend, reshapeOwnedView(filter, [k, outChannels]), [1, 0]); // [co, k]
  const cols = runWasmKernel(backend, 'BatchMatMul', { a: reshapeOwnedView(dy, [1, n, outChannels]), b: reshapeOwned(wT, [1, outChannels, k]) }, { transposeA: false, transposeB: false });
  free(backend, wT);
  const out = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
  const c = heapF32(backend, cols);
  const dx = heapF32(backend, out);
  dx.fill(0);
  const rowStride = inWidth * inChannels;
  const kwStride = filterWidth * inChannels;
  let p = 0;
  for (let b = 0; b < batchSize; b++) {
    const imageBase = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const ih0 = oh * strideHeight - padInfo.top;
      const khMin = Math.max(0, -ih0);
      const khMax = Math.min(filterHeight, inHeight - ih0);
      for (let ow = 0; ow < outWidth; ow++, p += k) {
        const iw0 = ow * strideWidth - padInfo.left;
        const kwMin = Math.max(0, -iw0);
        const kwMax = Math.min(filterWidth, inWidth - iw0);
        // Within one kernel row the window's pixels are contiguous in both dx and the column.
        const runLength = (kwMax - kwMin) * inChannels;
        for (let kh = khMin; kh < khMax; kh++) {
          const dst = imageBase + (ih0 + kh) * rowStride + (iw0 + kwMin) * inChannels;
          const src = p + kh * kwStride + kwMin * inChannels;
          for (let i = 0; i < runLength; i++) dx[dst + i] += c[src + i];
        }
      }
    }
  }
  free(backend, cols);
  return out;
}

/** A view of an input under another shape; the view is not owned and must not be freed. */
function reshapeOwnedView(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** W[kh,kw,ci,co] → [kh][kw][co][ci4], ci padded with zeros to a multiple of 4: the compiled kernel's layout. */
function filterForNative(backend: BackendWasm, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
  const ci4 = Math.ceil(ci / 4) * 4;
  const out = backend.makeOutput([kh, kw, co, ci4], 'float32');
  const w = heapF32(backend, filter);
  const f = heapF32(backend, out);
  f.fill(0);
  for (let t = 0; t < kh * kw; t++) {
    for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) f[(t * co + o) * ci4 + c] = w[(t * ci + c) * co + o];
  }
  return out;
}

/**
 * The compiled kernel (../native/kernels.c) spreads each dy value over the taps inside the image, so it
 * spends nothing on padding; any stride. In Node, LeNet-5's C3 input gradient (batch 64) took 3.2–3.3 ms
 * through the backend's convolution, half of it spent on the zeros around a 10×10 dy, and 1.7–2.0 ms this way.
 */
function backpropInputNative(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo | null {
  const native = nativeKernelsFor(backend);
  if (!native || info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const wt = filterForNative(backend, filter, info);
  const dx = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
  native.conv2dBackpropInput(heapOffset(backend, dy), heapOffset(backend, wt), heapOffset(backend, dx), batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth, padInfo.top, padInfo.left);
  free(backend, wt);
  return dx;
}

export function conv2DBackpropInputNHWC(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  return backpropInputNative(backend, dy, filter, info) ?? backpropInputViaConv(backend, dy, filter, info) ?? backpropInputViaCol2Im(backend, dy, filter, info);
}

function conv2DBackpropInput({ inputs, backend, attrs }: WasmKernelArgs<tf.Conv2DBackpropInputAttrs>): TensorInfo {
  const { filter } = inputs;
  let { dy } = inputs;
  const nchw = attrs.dataFormat === 'NCHW';
  let inShape = attrs.inputShape as number[];
  if (nchw) {
    dy = transpose(backend, dy, [0, 2, 3, 1]);
    inShape = [inShape[0], inShape[2], inShape[3], inShape[1]];
  }
  const info = conv2DInfo(inShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const dx = conv2DBackpropInputNHWC(backend, dy, filter, info);
  if (!nchw) return dx;
  free(backend, dy);
  const res = transpose(backend, dx, [0, 3, 1, 2]);
  free(backend, dx);
  return res;
}

export const conv2DBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropInput),
};
