import { readFile } from 'node:fs/promises';
import { NATIVE_FILES } from './files.ts';
import type { NativeSource } from './nativeKernels.ts';

// Node's way to the built modules (tests, the Node bench): read from native/out/. The browser's is a
// fetch of the build's asset URLs (src/worker/wasmPaths.ts).
export const nodeNativeSource: NativeSource = async (shared) => {
  try {
    return await readFile(new URL(`./out/${shared ? NATIVE_FILES.shared : NATIVE_FILES.plain}`, import.meta.url));
  } catch {
    return null;
  }
};
