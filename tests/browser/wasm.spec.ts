import { expect, openApp, setSubsets, SHOTS, test } from './fixtures';

// ?backend=wasm pins the wasm backend: the worker loads the app's own wasm binaries (threaded SIMD, the
// page being cross-origin isolated) and trains with the project's training kernels.
test('trains LeNet-5 on the threaded wasm backend when the address asks for it', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const badge = page.getByTestId('backend');
  await expect(badge).toContainText('wasm');
  await expect(badge).toContainText('SIMD');
  const threads = Number(/XNNPACK ×(\d+)/.exec((await badge.textContent()) ?? '')?.[1]);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(threads).toBe(Math.max(1, cores - 1)); // all cores but the page's
  await expect(page.getByTestId('backend-fallback')).toHaveCount(0);
  // The compiled kernels (src/engine/wasm/native) are in use, said in the UI's language.
  await expect(badge).toContainText('C kernels');
  await page.getByTestId('language').selectOption('zh');
  await expect(badge).toContainText('C 语言内核');
  await page.getByTestId('language').selectOption('en');

  await page.getByTestId('preset-select').selectOption('lenet5');
  await setSubsets(page, 320, 64, 64);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('on wasm', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toContainText(/Finished|Failed/, { timeout: 120_000 });
  const runError = page.getByTestId('run-error');
  expect((await runError.count()) ? await runError.textContent() : null).toBeNull();
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
  const accuracy = parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0');
  expect(accuracy).toBeGreaterThan(20); // chance is 10 %; 10 batches of LeNet-5 do far better
  const [before, after] = ((await page.getByTestId('tensor-counts').textContent()) ?? '').match(/\d+/g)!.map(Number);
  expect(after).toBe(before);
  await page.screenshot({ path: `${SHOTS}/wasm-training.png`, fullPage: true });
  const rate = await page.getByTestId('images-per-sec').textContent();
  console.log(`LeNet-5 on wasm (${threads} XNNPACK threads): test accuracy ${accuracy}% · ${rate}`);
});
