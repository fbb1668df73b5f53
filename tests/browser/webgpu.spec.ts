import { CHROMIUM_ARGS, CHROMIUM_PATH, WEBGPU_ARGS } from './chromium';
import { expect, openApp, setSubsets, test } from './fixtures';

// Issue 15 §2: the webgpu backend is bundled and trains where the browser offers an adapter. Headless
// Chromium offers one only with these flags (SwiftShader, software): slow, so a handful of steps.
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] } });

test('trains LeNet on the webgpu backend', async ({ app: page }) => {
  const t0 = Date.now();
  await openApp(page, '?backend=webgpu');
  await expect(page.getByTestId('backend')).toContainText('webgpu', { timeout: 60_000 });
  const ready = Date.now() - t0;
  await setSubsets(page, 64, 0, 32);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 240_000 });
  const accuracy = await page.getByTestId('test-accuracy').textContent();
  console.log(`webgpu (SwiftShader): ready in ${ready} ms, LeNet on 64 images trained and tested in ${Date.now() - t0 - ready} ms, test accuracy ${accuracy}`);
  await expect(page.getByTestId('test-accuracy')).toContainText('%');
});
