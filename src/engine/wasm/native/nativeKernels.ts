import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

// The compiled kernels (kernels.c) instantiated on the wasm backend's own memory, so they read and write
// tensors where the backend keeps them. Optional: until attachNativeKernels succeeds (or where clang was not
// there to build them) the kernels in ../kernels use their JavaScript loops.

/** Byte offsets into the backend's heap and element counts: the C functions' arguments. */
export interface NativeKernels {
  tanh(x: number, y: number, n: number): void;
  tanhGrad(y: number, dy: number, dx: number, n: number): void;
  adam(x: number, g: number, m: number, v: number, x2: number, m2: number, v2: number, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  /** (x or dy, y or dx, batch, inH, inW, c, outH, outW, strideH, strideW, filterH, filterW, padTop, padLeft) */
  avgPool(x: number, y: number, ...geometry: number[]): void;
  avgPoolGrad(dy: number, dx: number, ...geometry: number[]): void;
  maxPoolGrad(dy: number, x: number, dx: number, ...geometry: number[]): void;
  biasAdd(x: number, bias: number, y: number, rows: number, c: number): void;
  sumRows(x: number, out: number, rows: number, c: number): void;
  /** (x, dy, dw, batch, inH, inW, ci, outH, outW, co, strideH, strideW, filterH, filterW, padTop, padLeft) */
  conv2dBackpropFilter(x: number, dy: number, dw: number, ...geometry: number[]): void;
  /** (dy, wt, dx, same geometry); wt is the filter as [kh][kw][co][ci rounded up to 4], zero-padded */
  conv2dBackpropInput(dy: number, wt: number, dx: number, ...geometry: number[]): void;
}

interface Attached {
  memory: WebAssembly.Memory;
  kernels: NativeKernels;
}

let attached: Attached | null = null;

/**
 * The backend's WebAssembly.Memory. The threaded build makes it in JavaScript (shared, for its pthreads) and
 * keeps it as `wasmMemory`; the single-threaded builds export it, and Emscripten keeps exports in `asm`.
 */
function memoryOf(backend: BackendWasm): WebAssembly.Memory | null {
  const module = backend.wasm as unknown as { wasmMemory?: unknown; asm?: { memory?: unknown } };
  const memory = module.wasmMemory ?? module.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/** Whether `backend` runs on shared memory (the threaded tfjs build), which needs the shared-memory module. */
function needsSharedModule(backend: BackendWasm): boolean {
  const memory = memoryOf(backend);
  return typeof SharedArrayBuffer !== 'undefined' && memory !== null && memory.buffer instanceof SharedArrayBuffer;
}

/** The module's bytes for a plain or a shared memory, or null where they were not built. */
export type NativeSource = (shared: boolean) => Promise<BufferSource | null>;

/**
 * Instantiates the kernels on `backend`'s memory. False, with the JavaScript kernels staying in use, when the
 * module is missing or does not fit this backend; never throws, since the app trains either way.
 */
export async function attachNativeKernels(backend: BackendWasm, source: NativeSource): Promise<boolean> {
  const memory = memoryOf(backend);
  if (!memory) return false;
  if (attached?.memory === memory) return true;
  try {
    const bytes = await source(needsSharedModule(backend));
    if (!bytes) return false;
    const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
    const e = instance.exports as Record<string, (...args: number[]) => void>;
    attached = {
      memory,
      kernels: {
        tanh: e.tanh_f32,
        tanhGrad: e.tanh_grad_f32,
        adam: e.adam_f32,
        avgPool: e.avg_pool_f32,
        avgPoolGrad: e.avg_pool_grad_f32,
        maxPoolGrad: e.max_pool_grad_f32,
        biasAdd: e.bias_add_f32,
        sumRows: e.sum_rows_f32,
        conv2dBackpropFilter: e.conv2d_backprop_filter_f32,
        conv2dBackpropInput: e.conv2d_backprop_input_f32,
      },
    };
    return true;
  } catch {
    return false;
  }
}

/** The kernels, when they were attached to this backend's memory (a backend started anew has another). */
export function nativeKernelsFor(backend: BackendWasm): NativeKernels | null {
  return attached && attached.memory === memoryOf(backend) ? attached.kernels : null;
}

/** Forgets the attached module: the JavaScript kernels run again (the tests check both paths). */
export function detachNativeKernels(): void {
  attached = null;
}
