import * as tf from '@tensorflow/tfjs';
import { asKernelFunc, heapBytes, heapOffset, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/**
 * GatherV2 without batch dimensions as block copies inside the wasm heap: every index moves one
 * contiguous slice (an image, for the trainer's batch gather). The backend's own gather walks element
 * by element with stride arithmetic.
 */
export function fastGatherV2(original: tf.KernelFunc): tf.KernelFunc {
  return asKernelFunc(({ inputs, backend, attrs }: WasmKernelArgs<tf.GatherV2Attrs>): TensorInfo => {
    const { x, indices } = inputs;
    const bytes = x.dtype === 'bool' ? 1 : 4;
    if ((attrs.batchDims ?? 0) !== 0 || x.dtype === 'string' || x.dtype === 'complex64' || indices.dtype !== 'int32') {
      return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo;
    }
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const axisDim = x.shape[axis];
    const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
    const slice = tf.util.sizeFromShape(x.shape.slice(axis + 1)) * bytes;
    const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const out = backend.makeOutput(outShape, x.dtype);
    const count = tf.util.sizeFromShape(indices.shape);
    // Views after makeOutput: an allocation may grow (and so detach) the heap.
    const idx = backend.typedArrayFromHeap(indices) as Int32Array;
    const heap = heapBytes(backend);
    const xBase = heapOffset(backend, x);
    const outBase = heapOffset(backend, out);
    for (let i = 0; i < count; i++) {
      const index = idx[i];
      if (!(index >= 0 && index < axisDim)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${index} is not in [0, ${axisDim - 1}]`);
      }
    }
    let dst = outBase;
    for (let o = 0; o < outer; o++) {
      const base = xBase + o * axisDim * slice;
      for (let i = 0; i < count; i++, dst += slice) {
        const src = base + idx[i] * slice;
        heap.copyWithin(dst, src, src + slice);
      }
    }
    return out;
  });
}
