import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

import { CHROMIUM_ARGS, CHROMIUM_PATH as chromium } from './tests/browser/chromium';

if (!existsSync(chromium)) {
  throw new Error(`Browser tests need Chromium at ${chromium}: install it with "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`);
}
const port = Number(process.env.PLAYWRIGHT_PORT ?? 4179);

export default defineConfig({
  testDir: 'tests/browser',
  outputDir: 'tests/output/playwright',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 1000 },
    // The offline service worker answers requests page.route never sees (many tests route dataset files),
    // so it is off everywhere but in offline.spec.ts, which allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
