/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_HEADER, cspMetaTag } from './csp.ts';

// Cross-origin isolation lets SharedArrayBuffer (and so threaded wasm kernels) work.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs-backend-wasm starts its threads from the source text of its Emscripten factory (Function#toString),
 * so that function must not refer to variables outside itself. Its one such reference, `_scriptDir`, is
 * guarded by `typeof`, which minifiers drop for a declared variable ("e is not defined" in every XNNPACK
 * thread). Removing the declaration makes it a global lookup the guard keeps; in a module worker it was
 * always undefined anyway.
 */
function tfjsWasmThreads(): Plugin {
  const declaration =
    "var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;\n" +
    "  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;";
  return {
    name: 'tfjs-wasm-threads',
    transform(code, id) {
      if (!id.includes('tfjs-backend-wasm-threaded-simd.js')) return null;
      if (!code.includes(declaration)) throw new Error(`${id}: the _scriptDir declaration to remove was not found (tfjs-backend-wasm changed?)`);
      return { code: code.replace(declaration, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), cspMetaTag()],
  server: { headers: isolation },
  // The built app, as a deployment should serve it: the policy also as a header (it reaches the workers).
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP_HEADER } },
  // Worker bundles get only worker.plugins in a build (config.plugins covers dev).
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
