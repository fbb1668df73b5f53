import { CSP_HEADER } from '../../csp.ts';

// The service worker that makes the app work offline after one visit and keeps it cross-origin isolated on
// hosts that send no headers. vite-plugin-pwa builds it (injectManifest) and writes the list of built files
// in place of self.__WB_MANIFEST. Registered from src/sw/register.ts, production builds only.
//
// - Install precaches the app shell, its workers, the three tfjs wasm binaries and MNIST (datasets/mnist/*).
//   An entry whose revision did not change since the last build is kept, not downloaded again.
// - No clients.claim(): the first visit runs from the network and the worker installs beside it; taking over
//   the page then could break the training worker's dataset fetches in flight. The next load is controlled.
// - skipWaiting(): a new build's worker activates as soon as it is installed, so the next load after a
//   deploy runs the new version (no prompt, no "close every tab").
// - Navigations: network first (a deploy shows at once), the precached index.html when the network fails.
// - Every response it serves gets the COOP/COEP headers (and the CSP) a host did not send: the page and its
//   workers are cross-origin isolated (threaded wasm) from the second visit on, on any static host.
// - Fashion-MNIST and CIFAR-10 (31 and 59 MB) are cached when first used instead: their files cache first,
//   their manifest network first; a manifest that changed drops the files cached under it.

type PrecacheEntry = { url: string; revision: string | null } | string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const entries = (self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST;

const PRECACHE = 'cnn-playground-precache';
const DATASETS = 'cnn-playground-datasets';
/** How long a navigation waits for the network before the cached page answers (a Wi-Fi that hangs). */
const NAVIGATION_TIMEOUT_MS = 4000;

const scope = new URL(sw.registration.scope);
/** Cache key of each precached path: the URL with its revision, so a changed file gets a new key. */
const precached = new Map<string, string>();
for (const entry of entries) {
  const { url, revision } = typeof entry === 'string' ? { url: entry, revision: null } : entry;
  const absolute = new URL(url, scope);
  const key = new URL(absolute);
  if (revision) key.searchParams.set('__revision', revision);
  precached.set(absolute.pathname, key.href);
}
const indexKey = precached.get(new URL('index.html', scope).pathname);

const ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The response with the headers the app needs, where the host sent none of its own. */
function withHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) if (!headers.has(name)) headers.set(name, value);
  const type = headers.get('Content-Type') ?? '';
  // Documents and scripts (the workers get their policy from their own response, never from the page).
  if (/text\/html|javascript/.test(type) && !headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CSP_HEADER);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function precacheAll(): Promise<void> {
  const cache = await caches.open(PRECACHE);
  await Promise.all(
    [...precached].map(async ([path, key]) => {
      if (await cache.match(key)) return;
      // no-cache: revalidate with the server, so the HTTP cache cannot hand back an older file under a new revision.
      const response = await fetch(new URL(path, scope), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`Precaching ${path}: HTTP ${response.status}`);
      await cache.put(key, response);
    }),
  );
}

async function dropOutdated(): Promise<void> {
  const cache = await caches.open(PRECACHE);
  const current = new Set(precached.values());
  await Promise.all((await cache.keys()).filter((r) => !current.has(r.url)).map((r) => cache.delete(r)));
}

sw.addEventListener('install', (event) => {
  event.waitUntil(precacheAll().then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(dropOutdated());
});

/** The network's answer, or a rejection when there is none in `ms`. */
function fetchWithin(request: Request, ms: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${request.url}: no answer in ${ms} ms`)), ms);
    fetch(request).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function navigation(request: Request): Promise<Response> {
  try {
    return withHeaders(await fetchWithin(request, NAVIGATION_TIMEOUT_MS));
  } catch (error) {
    const cached = indexKey ? await caches.match(indexKey, { cacheName: PRECACHE }) : undefined;
    if (cached) return withHeaders(cached);
    throw error;
  }
}

async function fromPrecache(key: string, request: Request): Promise<Response> {
  const cached = await caches.match(key, { cacheName: PRECACHE });
  return withHeaders(cached ?? (await fetch(request)));
}

/** datasets/<id>/<file> for a dataset that is not precached. */
const RUNTIME_DATASET = /\/datasets\/([^/]+)\/([^/]+)$/;

async function datasetManifest(request: Request, folder: string): Promise<Response> {
  const cache = await caches.open(DATASETS);
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cache.match(request.url);
    if (cached) return cached;
    throw error;
  }
  if (!response.ok) return response;
  const cached = await cache.match(request.url);
  const fresh = await response.clone().text();
  if (cached && (await cached.text()) !== fresh) {
    // The dataset was prepared again: the files cached under the old manifest would not match it.
    await Promise.all((await cache.keys()).filter((r) => r.url.startsWith(folder)).map((r) => cache.delete(r)));
  }
  await cache.put(request.url, response.clone());
  return response;
}

async function datasetFile(request: Request): Promise<Response> {
  const cache = await caches.open(DATASETS);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200) await cache.put(request.url, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  const key = precached.get(url.pathname);
  if (key) {
    event.respondWith(fromPrecache(key, request));
    return;
  }
  const dataset = RUNTIME_DATASET.exec(url.pathname);
  if (dataset) {
    const folder = new URL('.', url).href;
    event.respondWith(dataset[2] === 'manifest.json' ? datasetManifest(request, folder) : datasetFile(request));
  }
});
