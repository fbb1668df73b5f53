/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * The offline service worker (src/sw/sw.ts): the plugin builds it and writes into it the files to precache,
 * the app shell, its workers, the wasm binaries and MNIST. Fashion-MNIST and CIFAR-10 (31 and 59 MB) are
 * cached by the worker when first used instead. Registered by src/sw/register.ts (no inline script: CSP).
 */
const offline = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/sw',
  filename: 'sw.ts',
  injectRegister: false,
  // Classic script: registered without { type: 'module' }, which every browser with service workers runs.
  injectManifest: {
    rollupFormat: 'iife',
    globPatterns: ['**/*.{html,js,css,wasm,svg}', 'datasets/mnist/*'],
    // MNIST's training images are 9.8 MB gzipped.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
  },
  manifest: {
    name: 'CNN Playground',
    short_name: 'CNN Playground',
    description: 'Train convolutional networks in the browser on MNIST, Fashion-MNIST and CIFAR-10.',
    display: 'standalone',
    start_url: '.',
    background_color: '#ffffff',
    theme_color: '#ffffff',
    icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
  },
  // `npm run dev` serves the sources as they are: no service worker there.
  devOptions: { enabled: false },
});

export default defineConfig({
  plugins: [react(), tfjsWasmThreads(), cspMetaTag(), offline],
  server: { headers: isolation },
  // The compiled kernels (src/engine/wasm/native, 3 KB) would be inlined as data: URLs, which the
  // policy's connect-src does not allow to fetch; wasm always goes out as a file, cached offline like the rest.
  build: { assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined) },
  // The built app, as a deployment should serve it: the policy also as a header (it reaches the workers).
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP_HEADER } },
  // Worker bundles get only worker.plugins in a build (config.plugins covers dev).
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Vitest leaves one core free by default, which on a 2-core machine (CI's) runs the files one at a time.
    // They are CPU-bound tfjs training, one thread each: two workers took the suite from 470 s to 267 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
