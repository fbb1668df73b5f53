import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmSpeedups, registerWasmTrainingKernels } from './wasm/register';
import { attachNativeKernels, nativeKernelsFor, type NativeSource } from './wasm/native/nativeKernels';
import { budgetFor, type MemoryBudget } from './train/memory';

export type BackendName = 'webgl' | 'webgpu' | 'wasm' | 'cpu';

/** Every backend the app knows, fastest kind first; webgpu only counts where a webgpu backend is registered. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(name: unknown): name is BackendName {
  return typeof name === 'string' && (BACKEND_NAMES as readonly string[]).includes(name);
}

export interface BackendInfo {
  name: string;
  /** Why the preferred backend was not used, when it was not. */
  fallbackReason: string | null;
  /** WebGL version and renderer, or the wasm build and its thread count: tells fast from slow setups apart. */
  detail: string | null;
  /** wasm only: XNNPACK's thread count (1 without cross-origin isolation), whether SIMD is used, and whether the compiled kernels are (the UI says so in its language). */
  wasm?: { simd: boolean; threads: number; crossOriginIsolated: boolean; nativeKernels: boolean };
  /** What a training run may use on it: checked before every run (src/engine/train/memory.ts). */
  budget: MemoryBudget;
}

/** The memory facts of the current backend that a budget needs; each is null where it cannot be read. */
async function budgetOfCurrent(name: string): Promise<MemoryBudget> {
  const nav = (globalThis as { navigator?: { deviceMemory?: number } }).navigator;
  let maxTextureSize: number | null = null;
  let maxStorageBufferBytes: number | null = null;
  let wasmThreaded = false;
  try {
    if (name === 'webgl') maxTextureSize = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
    if (name === 'webgpu') {
      const device = (tf.backend() as unknown as { device?: { limits?: { maxStorageBufferBindingSize?: number } } }).device;
      maxStorageBufferBytes = device?.limits?.maxStorageBufferBindingSize ?? null;
    }
    if (name === 'wasm') wasmThreaded = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  } catch {
    // A fact that cannot be read leaves the default budget.
  }
  return budgetFor(name, { deviceMemoryGiB: nav?.deviceMemory ?? null, maxTextureSize, maxStorageBufferBytes, wasmThreaded });
}

/** URLs of the three tfjs-backend-wasm binaries, keyed by their file names (a bundler renames them). */
export type WasmPaths = Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

/**
 * XNNPACK threads for a machine with `cores` cores: all but one, which stays with the page and the browser.
 * On this project's 2-core machine, training in the app with 2 threads ran at about 730 images/s and with 1
 * at about 1,350: the second thread fought the page, the GPU process and the worker's own kernels for a core.
 */
export function wasmThreadsFor(cores: number | undefined): number {
  return Math.max(1, Math.floor(cores ?? 1) - 1);
}

/**
 * Loads @tensorflow/tfjs-backend-webgpu, which registers the webgpu backend. The worker hands this over
 * (a dynamic import, so a browser without WebGPU never downloads it); in Node nothing registers webgpu.
 */
let loadWebgpu: (() => Promise<unknown>) | null = null;

export function configureWebgpu(loader: () => Promise<unknown>): void {
  loadWebgpu = loader;
}

let wasmStarted = false;
let wasmThreads: number | null = null;
let nativeSource: NativeSource | null = null;

/**
 * Where the wasm binaries are and how many threads XNNPACK may use. Only takes effect before the wasm
 * backend first starts (tfjs reads both once); in Node neither is needed.
 */
export function configureWasm(options: { paths?: WasmPaths; threads?: number; native?: NativeSource }): void {
  // The compiled kernels attach to whichever wasm backend starts next, so this one may come at any time.
  if (options.native) nativeSource = options.native;
  if (wasmStarted) return;
  if (options.paths) setWasmPaths(options.paths);
  if (options.threads && options.threads > 0) {
    wasmThreads = Math.floor(options.threads);
    setThreadsCount(wasmThreads);
  }
}

/**
 * tfjs-backend-wasm caps XNNPACK's threads at hardwareConcurrency / 2, assuming two hyperthreads per core,
 * which leaves a 2-core classroom PC with one thread. While the backend starts (when its code reads the
 * count), report twice the threads asked for so that the cap is the number asked for.
 */
async function withThreadCap<T>(threads: number | null, start: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  if (!threads || !nav || Object.prototype.hasOwnProperty.call(nav, 'hardwareConcurrency')) return start();
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: threads * 2, configurable: true });
  } catch {
    return start();
  }
  try {
    return await start();
  } finally {
    delete (nav as unknown as Record<string, unknown>).hardwareConcurrency;
  }
}

/** The training kernels tfjs-backend-wasm lacks, and faster ones for the slow kernels it has. */
function prepareWasm(): void {
  registerWasmTrainingKernels();
  registerWasmSpeedups();
  wasmStarted = true;
}

function webglDetail(): string | null {
  try {
    const version = tf.env().getNumber('WEBGL_VERSION');
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const gl = backend.gpgpu?.gl;
    const renderer = gl ? String(gl.getParameter(gl.RENDERER)) : 'unknown renderer';
    return `WebGL ${version} · ${renderer}`;
  } catch {
    return null;
  }
}

async function wasmInfo(): Promise<NonNullable<BackendInfo['wasm']>> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threaded = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const nativeKernels = nativeKernelsFor(tf.backend() as BackendWasm) !== null;
  return { simd, threads: threaded ? getThreadsCount() : 1, crossOriginIsolated: isolated, nativeKernels };
}

/** The adapter tfjs's webgpu backend runs on, e.g. "WebGPU · google swiftshader (fallback adapter)". */
function webgpuDetail(): string | null {
  try {
    const backend = tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } };
    const a = backend.adapterInfo;
    if (!a) return 'WebGPU';
    const name = [a.vendor, a.architecture, a.description].filter((x) => x).join(' ');
    return `WebGPU · ${name || 'unknown adapter'}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
  } catch {
    return null;
  }
}

async function describe(name: string, failures: string[]): Promise<BackendInfo> {
  const info: BackendInfo = { name, fallbackReason: failures.length ? failures.join('; ') : null, detail: null, budget: await budgetOfCurrent(name) };
  if (name === 'webgl') info.detail = webglDetail();
  if (name === 'webgpu') info.detail = webgpuDetail();
  if (name === 'wasm') {
    info.wasm = await wasmInfo();
    info.detail = `${info.wasm.simd ? 'SIMD' : 'no SIMD'} · XNNPACK ×${info.wasm.threads}`;
  }
  return info;
}

/** Makes `name` the current backend; false (with the previous one still current) when it cannot start here. */
async function trySetBackend(name: BackendName): Promise<boolean> {
  if (name === 'webgpu' && !tf.findBackendFactory(name) && loadWebgpu) {
    // Only where the browser has an adapter to give: without one, tfjs would log its own failure.
    const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
    if (!gpu || !(await gpu.requestAdapter())) return false;
    await loadWebgpu();
  }
  if (!tf.findBackendFactory(name)) return false;
  const start = async () => {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok;
  };
  if (name !== 'wasm') return start();
  prepareWasm();
  const ok = await withThreadCap(wasmThreads, start);
  if (ok && nativeSource) await attachNativeKernels(tf.backend() as BackendWasm, nativeSource);
  return ok;
}

/** Uses the first backend of `order` that initialises; the cpu backend always does. */
export async function selectBackend(order: BackendName[] = ['webgl', 'cpu']): Promise<BackendInfo> {
  const failures: string[] = [];
  for (const name of order) {
    let ok = false;
    try {
      ok = await trySetBackend(name);
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    if (ok) return describe(tf.getBackend(), failures);
    failures.push(`${name}: not available in this browser`);
  }
  throw new Error(`no TensorFlow.js backend could start (${failures.join('; ')})`);
}

/** Switches to exactly `name`, or throws saying why it cannot start (the current backend then stays). */
export async function switchBackend(name: string): Promise<BackendInfo> {
  if (!isBackendName(name)) throw new Error(`unknown backend "${name}": expected one of ${BACKEND_NAMES.join(', ')}`);
  let ok: boolean;
  try {
    ok = await trySetBackend(name);
  } catch (e) {
    throw new Error(`the ${name} backend could not start: ${(e as Error).message}`);
  }
  if (!ok) throw new Error(`the ${name} backend is not available here`);
  return describe(name, []);
}

let available: Promise<BackendName[]> | null = null;

/**
 * The backends that start here, in BACKEND_NAMES order. Starting one is slow only the first time (tfjs
 * keeps started backends), and the answer does not change, so it is worked out once.
 */
export function availableBackends(): Promise<BackendName[]> {
  available ??= (async () => {
    const current = tf.getBackend();
    const found: BackendName[] = [];
    for (const name of BACKEND_NAMES) {
      try {
        if (await trySetBackend(name)) found.push(name);
      } catch {
        // Not available here: left out.
      }
    }
    if (current) await tf.setBackend(current);
    return found;
  })();
  return available;
}
