import { readFile } from 'node:fs/promises';
import type { Worker } from '@playwright/test';
import { CSP_HEADER, CSP_META } from '../../csp.ts';
import { expect, openApp, setSubsets, test, type Page } from './fixtures';

// The built app runs under its Content-Security-Policy (csp.ts): no inline script, no eval, nothing from
// elsewhere. Violations are watched for in the page and in every worker (securitypolicyviolation events,
// written to the console, where Chromium writes its own lines for the page's violations too).

/** Runs in the page and in each worker: writes every violation to the console, where the test collects them. */
function reportViolations(where: string): void {
  self.addEventListener('securitypolicyviolation', (e) => {
    const ev = e as SecurityPolicyViolationEvent;
    console.error(`Content Security Policy violation in ${where}: ${ev.effectiveDirective} blocked ${ev.blockedURI} (${ev.sourceFile}:${ev.lineNumber})`);
  });
}

/** Collects violations: the page's from its first script, the app's workers' from their first line, XNNPACK's as soon as they are seen. */
async function watchViolations(page: Page): Promise<{ violations: string[]; workers: Worker[] }> {
  const seen = { violations: [] as string[], workers: [] as Worker[] };
  await page.addInitScript(reportViolations, 'page');
  // The app's workers are single-file module scripts without imports, so code put first runs first.
  await page.route(/\/assets\/[^/]+\.worker-[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    const name = /\/assets\/([^/]+)\.worker-/.exec(route.request().url())![1];
    await route.fulfill({ response, body: `(${reportViolations.toString()})(${JSON.stringify(name)});\n${await response.text()}` });
  });
  page.on('console', (m) => {
    if (/content.security.policy/i.test(m.text())) seen.violations.push(m.text());
  });
  // XNNPACK's threads are blob: workers; listening from when Playwright reports them is the earliest there is.
  page.on('worker', (w) => {
    seen.workers.push(w);
    if (w.url().startsWith('blob:')) void w.evaluate(reportViolations, 'xnnpack thread').catch(() => {});
  });
  return seen;
}

test('the built app runs under its Content-Security-Policy: wasm (threads, XNNPACK) trains and webgl starts without a violation', async ({ app: page }) => {
  const seen = await watchViolations(page);
  const response = await page.goto('/?backend=wasm');
  expect(response!.headers()['content-security-policy']).toBe(CSP_HEADER);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP_META);
  expect(CSP_META).not.toMatch(/unsafe-inline|'unsafe-eval'/);

  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const badge = page.getByTestId('backend');
  await expect(badge).toContainText('wasm');
  await expect(badge).toContainText(/SIMD · XNNPACK ×\d+/);
  // The compiled kernels (src/engine/wasm/native): fetched from the app's origin, compiled under 'wasm-unsafe-eval'.
  await expect(badge).toContainText('C kernels');
  await expect(page.getByTestId('backend-fallback')).toHaveCount(0);
  await setSubsets(page, 256, 64, 64);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText(/Finished|Failed/, { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toContainText('Finished · on wasm');
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
  expect(seen.workers.some((w) => w.url().startsWith('blob:')), 'XNNPACK thread workers started').toBe(true);
  // Export PNG draws the charts through data: images; the file is a blob: download.
  const [png] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('exportChartsPng').click()]);
  expect((await readFile(await png.path())).subarray(1, 4).toString('ascii')).toBe('PNG');

  await openApp(page, '?backend=webgl');
  await expect(badge).toContainText('webgl');
  await expect(page.getByTestId('backend-fallback')).toHaveCount(0);
  // The optimizer paths panel: paths traced in the training worker, contours drawn in a worker of their own.
  await page.getByTestId('paths-open').click();
  await expect(page.getByTestId('paths-status')).toContainText('computed', { timeout: 60_000 });
  expect(seen.workers.some((w) => w.url().includes('/assets/contours.worker-'))).toBe(true);
  expect(seen.violations).toEqual([]);

  // The policy is in force: an inline script does not run in the page, the worker may not fetch from elsewhere.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan)).toBeUndefined();
  const training = seen.workers.filter((w) => w.url().includes('/assets/training.worker-')).at(-1)!;
  expect(await training.evaluate(() => fetch('http://localhost:9/elsewhere').then(() => 'fetched', () => 'refused'))).toBe('refused');
  await expect.poll(() => seen.violations.join('\n')).toContain('violation in page: script-src-elem blocked inline');
  await expect.poll(() => seen.violations.join('\n')).toContain('violation in training: connect-src blocked http://localhost:9/elsewhere');
});
