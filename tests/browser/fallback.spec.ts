import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { expect, openApp, setSubsets, test } from './fixtures';

// A browser without WebGL, like an old classroom PC with a blocklisted GPU.
const noGpu = [...CHROMIUM_ARGS.filter((a) => !a.includes('swiftshader')), '--disable-gpu', '--disable-software-rasterizer'];
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: noGpu } });

// Asked for WebGL (?backend=webgl, which also skips calibration) where there is none.
test('without WebGL it trains on the cpu backend and says so', async ({ app: page }) => {
  await openApp(page, '?backend=webgl');
  await expect(page.getByTestId('backend')).toContainText('cpu');
  await expect(page.getByTestId('backend-fallback')).toContainText('WebGL is not available here');
  await setSubsets(page, 64, 0, 32);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('on cpu', { timeout: 60_000 });
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
});
