import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { asKernelFunc, conv2DInfo, heapF32, type TensorInfo, type WasmKernelArgs } from './shared.ts';

// Gradients of depthwise conv2d (x [b,h,w,c], filter [kh,kw,c,m], y [b,oh,ow,c·m]) as loops over the
// wasm heap. For one input pixel and one kernel tap, the c·m values of dy, of the filter and of dW are
// contiguous, so the innermost loops run over contiguous memory. No model preset uses depthwise
// convolutions, so these are written for clarity and cache order rather than squeezed further.

type Conv2DInfo = tf.backend_util.Conv2DInfo;

/** Calls `visit(dyOffset, xOffset, filterOffset)` for every (output pixel, kernel tap) that reads inside x. */
function forEachTap(info: Conv2DInfo, visit: (dyOff: number, xOff: number, wOff: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padInfo } = info;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const ih0 = oh * strideHeight - padInfo.top;
      for (let ow = 0; ow < outWidth; ow++) {
        const iw0 = ow * strideWidth - padInfo.left;
        const dyOff = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = ih0 + kh * dilationHeight;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = iw0 + kw * dilationWidth;
            if (iw < 0 || iw >= inWidth) continue;
            visit(dyOff, ((b * inHeight + ih) * inWidth + iw) * inChannels, (kh * filterWidth + kw) * outChannels);
          }
        }
      }
    }
  }
}

function backpropFilter(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const out = backend.makeOutput([info.filterHeight, info.filterWidth, info.inChannels, info.outChannels / info.inChannels], 'float32');
  const xv = heapF32(backend, x);
  const g = heapF32(backend, dy);
  const dw = heapF32(backend, out);
  dw.fill(0);
  const c = info.inChannels;
  const m = info.outChannels / c;
  forEachTap(info, (dyOff, xOff, wOff) => {
    for (let ch = 0, j = 0; ch < c; ch++) {
      const v = xv[xOff + ch];
      for (let k = 0; k < m; k++, j++) dw[wOff + j] += v * g[dyOff + j];
    }
  });
  return out;
}

function backpropInput(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): TensorInfo {
  const out = backend.makeOutput(info.inShape, 'float32');
  const g = heapF32(backend, dy);
  const w = heapF32(backend, filter);
  const dx = heapF32(backend, out);
  dx.fill(0);
  const c = info.inChannels;
  const m = info.outChannels / c;
  forEachTap(info, (dyOff, xOff, wOff) => {
    for (let ch = 0, j = 0; ch < c; ch++) {
      let sum = 0;
      for (let k = 0; k < m; k++, j++) sum += g[dyOff + j] * w[wOff + j];
      dx[xOff + ch] += sum;
    }
  });
  return out;
}

function depthwiseBackpropFilter({ inputs, backend, attrs }: WasmKernelArgs<tf.DepthwiseConv2dNativeBackpropFilterAttrs>): TensorInfo {
  const { x, dy } = inputs;
  const info = conv2DInfo(x.shape, attrs.filterShape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
  return backpropFilter(backend, x, dy, info);
}

function depthwiseBackpropInput({ inputs, backend, attrs }: WasmKernelArgs<tf.DepthwiseConv2dNativeBackpropInputAttrs>): TensorInfo {
  const { dy, filter } = inputs;
  const info = conv2DInfo(attrs.inputShape, filter.shape, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, true);
  return backpropInput(backend, dy, filter, info);
}

export const depthwiseConv2dNativeBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(depthwiseBackpropFilter),
};

export const depthwiseConv2dNativeBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: asKernelFunc(depthwiseBackpropInput),
};
