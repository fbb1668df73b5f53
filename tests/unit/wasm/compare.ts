import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmSpeedups, registerWasmTrainingKernels } from '../../../src/engine/wasm/register';

// Runs the same kernel or computation on the cpu backend (the reference) and on the wasm backend with
// the project's kernels, from the same random inputs, and measures how far apart the results are.

export async function setUpBackends(): Promise<void> {
  registerWasmTrainingKernels();
  registerWasmSpeedups();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  await tf.setBackend('cpu');
}

export interface Input {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype?: 'float32' | 'int32';
}

let seed = 1;
/** Uniform values in [−1, 1) from a small deterministic generator, so failures reproduce. */
export function random(shape: number[], scale = 1): Input {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    values[i] = ((seed / 2 ** 32) * 2 - 1) * scale;
  }
  return { values, shape };
}

export function ints(values: number[], shape = [values.length]): Input {
  return { values: Int32Array.from(values), shape, dtype: 'int32' };
}

/** Calls kernel `name` on `backend` directly (no gradient tape) and returns its output's values and shape. */
export async function runOn(backend: 'cpu' | 'wasm', name: string, inputs: Record<string, Input>, attrs: object) {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.values, v.shape, v.dtype ?? 'float32')]));
  try {
    const out = tf.engine().runKernel(name, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const result = { values: out.dataSync().slice(), shape: out.shape, dtype: out.dtype };
    out.dispose();
    return result;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** max |a − b| / max |reference|: error relative to the reference's scale. */
export function relativeError(reference: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (reference.length !== actual.length) return Infinity;
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    const d = Math.abs(reference[i] - actual[i]);
    diff = Math.max(diff, Number.isNaN(d) ? Infinity : d);
  }
  return scale === 0 ? diff : diff / scale;
}

/** The kernel on both backends: shapes must agree and values within `tolerance` relative error. */
export async function compareKernel(name: string, inputs: Record<string, Input>, attrs: object) {
  const cpu = await runOn('cpu', name, inputs, attrs);
  const wasm = await runOn('wasm', name, inputs, attrs);
  await tf.setBackend('cpu');
  return { shape: wasm.shape, referenceShape: cpu.shape, error: relativeError(cpu.values, wasm.values), nonZero: cpu.values.some((v) => v !== 0) };
}

export const TOLERANCE = 1e-4;
