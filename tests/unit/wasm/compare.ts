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

// Convolution geometries the kernels are checked on: the ones LeNet needs and the awkward ones around them.
type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];
export interface ConvCase {
  label: string;
  x: [number, number, number, number];
  kernel: [number, number];
  outChannels: number;
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
}

export const CONV_CASES: ConvCase[] = [
  { label: 'LeNet C1 on MNIST: 28×28×1, 5×5, same', x: [1, 28, 28, 1], kernel: [5, 5], outChannels: 6, strides: 1, pad: 'same' },
  { label: 'LeNet C3: batch 2, 14×14×6, 5×5, valid', x: [2, 14, 14, 6], kernel: [5, 5], outChannels: 16, strides: 1, pad: 'valid' },
  { label: 'LeNet-5 C1 on CIFAR: 32×32×3, valid', x: [2, 32, 32, 3], kernel: [5, 5], outChannels: 6, strides: 1, pad: 'valid' },
  { label: 'stride 2, same, non-square image', x: [3, 9, 7, 3], kernel: [3, 3], outChannels: 8, strides: 2, pad: 'same' },
  { label: 'stride 2, valid, last row and column unread', x: [2, 10, 12, 8], kernel: [3, 3], outChannels: 3, strides: 2, pad: 'valid' },
  { label: 'strides 2×1, 4×2 kernel, one output channel', x: [1, 8, 8, 3], kernel: [4, 2], outChannels: 1, strides: [2, 1], pad: 'same' },
  { label: '1×1 kernel, batch 4', x: [4, 6, 6, 1], kernel: [1, 1], outChannels: 8, strides: 1, pad: 'valid' },
  { label: 'explicit asymmetric padding', x: [2, 7, 8, 3], kernel: [3, 3], outChannels: 4, strides: 1, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { label: 'numeric padding, stride 2', x: [2, 9, 9, 3], kernel: [3, 3], outChannels: 5, strides: 2, pad: 1 },
  { label: 'NCHW, stride 2, same', x: [2, 3, 9, 8], kernel: [3, 3], outChannels: 4, strides: 2, pad: 'same', dataFormat: 'NCHW' },
  { label: '7×7 kernel, same, 3 output channels', x: [2, 12, 11, 2], kernel: [7, 7], outChannels: 3, strides: 1, pad: 'same' },
  { label: 'kernel wider than the image, same, 7 output channels', x: [1, 3, 3, 2], kernel: [5, 5], outChannels: 7, strides: 1, pad: 'same' },
  { label: '12 output channels (three vectors), 3×3, same', x: [2, 6, 5, 4], kernel: [3, 3], outChannels: 12, strides: 1, pad: 'same' },
  { label: '21 output channels (a block of 16 and a partial one), 3×3, same', x: [2, 5, 6, 3], kernel: [3, 3], outChannels: 21, strides: 1, pad: 'same' },
];

export function convInfo(c: ConvCase) {
  const filterShape: [number, number, number, number] = [c.kernel[0], c.kernel[1], c.dataFormat === 'NCHW' ? c.x[1] : c.x[3], c.outChannels];
  const format = c.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast';
  const info = tf.backend_util.computeConv2DInfo(c.x, filterShape, c.strides, 1, c.pad, undefined, false, format);
  return { filterShape, outShape: info.outShape };
}

