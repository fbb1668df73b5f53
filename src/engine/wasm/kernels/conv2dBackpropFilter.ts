import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { nativeKernelsFor } from '../native/nativeKernels.ts';
import { asKernelFunc, conv2DInfo, free, heapOffset, reshapeOwned, runWasmKernel, transpose, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/**
 * Gradient of conv2d with respect to its filter:
 *   dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b,oh,ow,co].
 *
 * Read with the batch as the channel axis this is itself a convolution: x laid out as [ci][h][w][b] is the
 * input, dy laid out as [oh][ow][b][co] is the filter, dilated by the forward stride, and the output is
 * [ci][kh][kw][co]. That runs on the backend's own Conv2D (XNNPACK: SIMD, and threaded where available),
 * but pays for three transposes and XNNPACK packing dy as a filter on every call; where the compiled
 * module is attached, its direct kernel (../native/kernels.c) reads x and dy where they are instead (in Node,
 * LeNet-5's two filter gradients took 7.3 ms a step this way, 4.7 ms with the first direct kernel and 2.1 ms
 * with the register-tiled one).
 */
export function conv2DBackpropFilterNHWC(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const native = nativeKernelsFor(backend);
  if (native && info.dilationHeight === 1 && info.dilationWidth === 1) {
    const dw = backend.makeOutput([filterHeight, filterWidth, inChannels, outChannels], 'float32');
    native.conv2dBackpropFilter(heapOffset(backend, x), heapOffset(backend, dy), heapOffset(backend, dw), batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth, padInfo.top, padInfo.left);
    return dw;
  }
  // Padding after the last row/column that makes the output exactly filterHeight × filterWidth.
  let bottom = (outHeight - 1) * strideHeight + filterHeight - inHeight - padInfo.top;
  let right = (outWidth - 1) * strideWidth + filterWidth - inWidth - padInfo.left;
  let input = x;
  let cropped: TensorInfo | null = null;
  if (bottom < 0 || right < 0) {
    // The forward pass never read the last rows or columns: leave them out.
    const size = [batchSize, inHeight + Math.min(0, bottom), inWidth + Math.min(0, right), inChannels];
    cropped = runWasmKernel(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size });
    input = cropped;
    bottom = Math.max(0, bottom);
    right = Math.max(0, right);
  }
  const xT = transpose(backend, input, [3, 1, 2, 0]); // [ci, h, w, b]
  free(backend, cropped);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]); // [oh, ow, b, co]
  const pad = [[0, 0], [padInfo.top, bottom], [padInfo.left, right], [0, 0]];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [strideHeight, strideWidth] };
  const out = runWasmKernel(backend, 'Conv2D', { x: xT, filter: dyT }, attrs); // [ci, kh, kw, co]
  free(backend, xT, dyT);
  if (inChannels === 1) return reshapeOwned(out, [filterHeight, filterWidth, 1, outChannels]);
  const dw = transpose(backend, out, [1, 2, 0, 3]);
  free(backend, out);
  return dw;
}

function conv2DBackpropFilter({ inputs, backend, attrs }: WasmKernelArgs<tf.Conv2DBackpropFilterAttrs>): TensorInfo {
  let { x, dy } = inputs;
  const nchw = attrs.dataFormat === 'NCHW';
  if (nchw) {
    x = transpose(backend, x, [0, 2, 3, 1]);
    dy = transpose(backend, dy, [0, 2, 3, 1]);
  }
  try {
    const info = conv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    return conv2DBackpropFilterNHWC(backend, x, dy, info);
  } finally {
    if (nchw) free(backend, x, dy);
  }
}

export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(conv2DBackpropFilter),
};
