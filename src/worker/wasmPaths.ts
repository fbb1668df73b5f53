import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmPaths } from '../engine/backend';
import { NATIVE_FILES } from '../engine/wasm/native/files';
import type { NativeSource } from '../engine/wasm/native/nativeKernels';

// The wasm binaries as assets of this build (hashed names in dist/, served by Vite in dev), so the wasm
// backend loads them from the app's own origin, offline, and never from a CDN.
export const WASM_PATHS: WasmPaths = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};

// The project's compiled kernels (src/engine/wasm/native), as assets too. A glob, so that a checkout
// where clang was not there to build them still builds: the map is then empty and the JavaScript kernels run.
const builtNative = import.meta.glob('../engine/wasm/native/out/*.wasm', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const nativeUrl = (file: string) => Object.entries(builtNative).find(([path]) => path.endsWith(`/${file}`))?.[1] ?? null;

export const NATIVE_SOURCE: NativeSource = async (shared) => {
  const url = nativeUrl(shared ? NATIVE_FILES.shared : NATIVE_FILES.plain);
  if (!url) return null;
  const response = await fetch(url);
  return response.ok ? response.arrayBuffer() : null;
};
