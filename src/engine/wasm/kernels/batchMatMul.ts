import * as tf from '@tensorflow/tfjs';
import { asKernelFunc, free, transpose, type TensorInfo, type WasmKernelArgs } from './shared.ts';

/**
 * The wasm backend sends BatchMatMul to XNNPACK only for unbatched, untransposed operands and otherwise
 * runs a scalar triple loop (~20× slower). Dense-layer gradients are exactly the transposed case
 * (dy·Wᵀ and xᵀ·dy), so transpose the operand explicitly (cheap) and hand the fast case to the original.
 */
export function fastBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  return asKernelFunc(({ inputs, backend, attrs }: WasmKernelArgs<tf.BatchMatMulAttrs>): TensorInfo => {
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs;
    const ra = a.shape.length;
    const rb = b.shape.length;
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    const call = (x: TensorInfo, y: TensorInfo) =>
      original({ inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || batchB !== 1 || (batchA !== 1 && transposeA)) {
      return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo;
    }
    if (!transposeA && !transposeB && batchA === 1) return call(a, b);
    const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
    const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    if (k !== (transposeB ? b.shape[rb - 1] : b.shape[rb - 2])) {
      return original({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as TensorInfo; // it reports the mismatch
    }
    // batchA > 1 here only without transposeA: its batches stack into the rows of one matrix.
    const aMat: TensorInfo = transposeA
      ? transpose(backend, { ...a, shape: [k, m] }, [1, 0])
      : { ...a, shape: [batchA * m, k] };
    const bMat: TensorInfo = transposeB ? transpose(backend, { ...b, shape: [n, k] }, [1, 0]) : { ...b, shape: [k, n] };
    const out = call({ ...aMat, shape: [1, batchA * m, k] }, { ...bMat, shape: [1, k, n] });
    if (transposeA) free(backend, aMat);
    if (transposeB) free(backend, bMat);
    const batchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    return { ...out, shape: [...batchShape, m, n] };
  });
}
