import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

// Helpers for kernels on the wasm backend. Kernels here call the backend's own kernels directly (not
// through the engine, so nothing reaches the gradient tape or the tensor count) and free every
// intermediate they make.

export type TensorInfo = tf.TensorInfo;
export type Attrs = Record<string, unknown>;
export type Shape4 = [number, number, number, number];

/** The arguments tfjs passes a kernel, with the backend typed as the wasm one. */
export interface WasmKernelArgs<A = Attrs> {
  inputs: Record<string, TensorInfo>;
  backend: BackendWasm;
  attrs: A;
}

/** Turns a typed kernel function into the loosely typed one tfjs registers. */
export function asKernelFunc<A>(f: (args: WasmKernelArgs<A>) => TensorInfo): tf.KernelFunc {
  return f as unknown as tf.KernelFunc;
}

/** Calls the wasm backend's registered kernel `name` directly. */
export function runWasmKernel(backend: BackendWasm, name: string, inputs: Record<string, TensorInfo>, attrs: Attrs = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm') as tf.KernelConfig | undefined;
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel`);
  const out = kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as TensorInfo | TensorInfo[];
  return Array.isArray(out) ? out[0] : out;
}

export function free(backend: BackendWasm, ...infos: (TensorInfo | null | undefined)[]): void {
  for (const info of infos) if (info) backend.disposeData(info.dataId);
}

/** The same data under another shape, without a copy: the caller's reference moves to the result. */
export function reshapeOwned(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel(backend, 'Transpose', { x }, { perm });
}

/** A float32 view of a tensor's data on the wasm heap. Take views after the last allocation: growing the heap detaches them. */
export function heapF32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

export function conv2DInfo(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  dilations: number | [number, number],
  pad: tf.Conv2DAttrs['pad'],
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise = false,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(xShape as Shape4, filterShape as Shape4, strides, dilations, pad, dimRoundingMode, depthwise, 'channelsLast');
}

/** The whole wasm heap as bytes (re-read after any allocation) and a tensor's byte offset in it. */
export function heapBytes(backend: BackendWasm): Uint8Array {
  return (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}

export function heapOffset(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset;
}
