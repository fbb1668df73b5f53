import { useApp, type AppState } from '../state/store';

// Registers the offline service worker (src/sw/sw.ts) in a production build; the dev server has none, so
// what `npm run dev` shows always comes from the sources. Failing to register costs only offline use, so it
// is reported in the console and nothing else.

/** Longest the registration waits for the first dataset, so a page whose dataset hangs still gets one. */
const START_UP_CAP_MS = 30_000;

const settled = (s: AppState) => !s.datasetLoading && (s.dataset !== null || s.datasetError !== null);

/**
 * Resolves once the first dataset has loaded (or failed): installing downloads MNIST (9.7 MB) and the
 * app's files again, and doing that while the first visit downloads them would slow the first start-up.
 */
function firstDatasetSettled(): Promise<void> {
  return new Promise((resolve) => {
    if (settled(useApp.getState())) return resolve();
    const timer = setTimeout(done, START_UP_CAP_MS);
    const unsubscribe = useApp.subscribe((s) => {
      if (settled(s)) done();
    });
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  void Promise.all([loaded, firstDatasetSettled()]).then(() => {
    const base = import.meta.env.BASE_URL;
    // updateViaCache 'none': every update check asks the server for sw.js, so a deploy is seen on the next load.
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base, updateViaCache: 'none' }).catch((e: unknown) => {
      console.warn(`Offline use is not available: the service worker did not register (${e instanceof Error ? e.message : String(e)})`);
    });
  });
}
