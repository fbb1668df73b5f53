import '../zodJitless';
import * as Comlink from 'comlink';
import { configureWasm, configureWebgpu, wasmThreadsFor } from '../engine/backend';
import { EngineSession } from '../engine/session';
import { NATIVE_SOURCE, WASM_PATHS } from './wasmPaths';

// The engine runs here, so training never competes with React for the main thread.
// WebGL works in a worker through OffscreenCanvas, which tfjs picks up by itself.
// The wasm backend's XNNPACK threads need cross-origin isolation (the app is served with COOP/COEP);
// without it tfjs falls back to the single-threaded SIMD build by itself.
configureWasm({ paths: WASM_PATHS, native: NATIVE_SOURCE, threads: wasmThreadsFor(self.navigator.hardwareConcurrency) });
configureWebgpu(() => import('@tensorflow/tfjs-backend-webgpu'));

// Fault injection for the recovery tests (src/state/debug.ts, only reachable with ?debug): Comlink ignores
// these messages, which carry no call id. Listening before Comlink does lets 'closeAtNextCall' take the
// next call away from it: the worker dies with that call unanswered, at a moment the test chooses.
let closeAtNextCall = false;
self.addEventListener('message', (e: MessageEvent) => {
  const fault = (e.data as { cnnFault?: string } | null)?.cnnFault;
  if (closeAtNextCall && fault === undefined) {
    e.stopImmediatePropagation();
    self.close();
  }
  if (fault === 'close') self.close();
  if (fault === 'closeAtNextCall') closeAtNextCall = true;
  if (fault === 'throw') {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  }
});

const session = new EngineSession(new URL(import.meta.env.BASE_URL, self.location.origin).href);
Comlink.expose(session);
