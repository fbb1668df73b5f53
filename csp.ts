import type { Plugin } from 'vite';

// The built app's Content-Security-Policy. Nothing runs but the app's own files: no inline script, no
// eval (zod runs jitless, src/zodJitless.ts), no other origin. It reaches the browser twice: as a <meta>
// tag in dist/index.html, which works on any static host, and as a response header from `vite preview`,
// which also covers the workers (a worker script gets its policy from its own response, never from the
// page's meta tag) and can carry frame-ancestors (ignored in a meta tag). A deployment should send the
// header too, as it sends the COOP/COEP headers.

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Whatever no directive below names: the app's own origin only (fonts, manifests, media).
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval': compiling tfjs-backend-wasm's binaries (WebAssembly, not JavaScript eval).
  // blob:: each XNNPACK thread is an Emscripten pthread worker that importScripts() the backend's code from
  // a blob: URL (tfjs-backend-wasm-threaded-simd); those workers inherit the training worker's policy.
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  // The training and contour workers are module workers from the app's origin; XNNPACK's are blob: workers.
  'worker-src': ["'self'", 'blob:'],
  // Datasets, manifests and wasm binaries, all fetched from the app's origin.
  'connect-src': ["'self'"],
  // data:: Export PNG draws each chart's SVG through an <img> with a data: URL.
  'img-src': ["'self'", 'data:'],
  // The stylesheet only; React sets style props through the CSSOM, which style-src does not govern.
  'style-src': ["'self'"],
  // No plugins, no <base> rewriting relative URLs, no forms posting anywhere.
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // Not to be framed by other sites (header only: browsers ignore it in a meta tag).
  'frame-ancestors': ["'none'"],
};

const HEADER_ONLY = new Set(['frame-ancestors']);

function serialize(keep: (directive: string) => boolean): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([directive]) => keep(directive))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as the response header sends it. */
export const CSP_HEADER = serialize(() => true);

/** The policy as the <meta> tag in dist/index.html holds it (what a meta tag may carry). */
export const CSP_META = serialize((d) => !HEADER_ONLY.has(d));

/**
 * Puts the policy in the built index.html right after the charset, before every script it must cover.
 * Build only: the dev server injects inline scripts (React refresh) and talks to the page over a WebSocket.
 */
export function cspMetaTag(): Plugin {
  const charset = /<meta charset="UTF-8" \/>/;
  return {
    name: 'csp-meta-tag',
    apply: 'build',
    transformIndexHtml(html) {
      if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the Content-Security-Policy after');
      return html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`);
    },
  };
}
