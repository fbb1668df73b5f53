import { expect, longTasksSince, openApp, setSubsets, SHOTS, test } from './fixtures';

// Pinned to WebGL (?backend=webgl): calibration would otherwise pick wasm, the fastest backend here.
test('trains LeNet-5 on MNIST on WebGL: live charts, test accuracy, prediction strip', async ({ app: page }) => {
  await openApp(page, '?backend=webgl');
  await expect(page.getByTestId('backend')).toContainText('webgl');
  await expect(page.getByTestId('dataset-status')).toContainText('60,000 training and 10,000 test images');
  await expect(page.getByTestId('class-histogram')).toBeVisible();

  await page.getByTestId('preset-select').selectOption('lenet5');
  await expect(page.getByTestId('total-params')).toHaveText('61.7k');
  await setSubsets(page, 640, 128, 128);
  await page.getByTestId('epochs').fill('2');

  const trainingStart = await page.evaluate(() => performance.now());
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('on webgl', { timeout: 120_000 });
  await expect(page.getByTestId('loss-chart').locator('path.recharts-curve').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('pauseTraining')).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/mnist-training.png`, fullPage: true });

  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 240_000 });
  const accuracy = parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0');
  expect(accuracy).toBeGreaterThan(30); // chance is 10 %
  await expect(page.getByTestId('prediction-strip').locator('figure')).toHaveCount(24);
  await expect(page.getByTestId('tensor-counts')).toBeVisible();
  const [before, after] = ((await page.getByTestId('tensor-counts').textContent()) ?? '').match(/\d+/g)!.map(Number);
  expect(after).toBe(before);
  await expect(page.getByTestId('accuracy-chart').locator('.recharts-line-dots circle').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/mnist-results.png`, fullPage: true });

  const longest = Math.max(0, ...(await longTasksSince(page, trainingStart)));
  const rate = await page.getByTestId('images-per-sec').textContent();
  console.log(`MNIST LeNet-5 on WebGL: test accuracy ${accuracy}% · ${rate} · longest main-thread task while training ${longest.toFixed(0)} ms`);
});

test('pause, resume and stop', async ({ app: page }) => {
  await openApp(page, '?backend=webgl');
  await setSubsets(page, 3200, 0, 50);
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('pauseTraining')).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('progress')).toBeVisible({ timeout: 120_000 });
  await page.keyboard.press('p');
  await expect(page.getByTestId('run-status')).toContainText('Paused', { timeout: 60_000 });
  const progressWhilePaused = await page.getByTestId('progress').textContent();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('progress')).toHaveText(progressWhilePaused!);
  await page.getByTestId('resumeTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Training');
  await page.getByTestId('stopTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Stopped', { timeout: 60_000 });
  await expect(page.getByTestId('results-panel')).toContainText('stopped before the end');
  await expect(page.getByTestId('startTraining')).toBeEnabled();
});
