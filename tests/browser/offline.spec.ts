import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, setSubsets, test, type Page } from './fixtures';

// After one visit the app works offline (src/sw/sw.ts): the app, its wasm binaries and MNIST come from the
// service worker's precache. dist/ is served here as a plain static host would serve it, with no COOP, COEP
// or CSP headers, so the cross-origin isolation seen on later visits is the service worker's doing.

test.use({ serviceWorkers: 'allow' });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
};

/** dist/ over HTTP with a content type and nothing else: what a bare static host sends. */
function staticHost(): Promise<Server> {
  const root = normalize('dist');
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function precachedMnist(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      if (keys.some((k) => new URL(k.url).pathname === '/datasets/mnist/train-images.u8.br')) return true;
    }
    return false;
  });
}

test('after one visit to a host without headers, an offline reload is cross-origin isolated and trains MNIST on threaded wasm', async ({ app: page, context }) => {
  const server = await staticHost();
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?backend=wasm`;
    await page.goto(url);
    await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
    // The host sends no headers: the first visit is not isolated, and no service worker controls it.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await precachedMnist(page)).toBe(true);

    // Second visit: controlled, and isolated by the headers the service worker adds.
    await page.reload();
    await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const badge = page.getByTestId('backend');
    await expect(badge).toContainText('wasm');
    await expect(badge).toContainText(/SIMD · XNNPACK ×\d+/);
    await expect(badge).toContainText('C kernels'); // the compiled kernels came from the offline cache too
    await setSubsets(page, 256, 64, 64);
    await page.getByTestId('epochs').fill('1');
    await page.getByTestId('startTraining').click();
    await expect(page.getByTestId('run-status')).toContainText(/Finished|Failed/, { timeout: 120_000 });
    await expect(page.getByTestId('run-status')).toContainText('Finished · on wasm');
    await expect(page.getByTestId('test-accuracy')).toBeVisible();
  } finally {
    await context.setOffline(false);
    server.close();
  }
});
