import type { Page } from '@playwright/test';
import { expect, longTasksSince, openApp, SHOTS, test } from './fixtures';

/** Pixels of the plot within a small distance of `hex`: how much of a path is drawn in that colour. */
async function pixelsOf(page: Page, hex: string): Promise<number> {
  return page.getByTestId('paths-canvas').evaluate((canvas: HTMLCanvasElement, color) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) n++;
    return n;
  }, hex);
}

const stepShown = async (page: Page) => Number(((await page.getByTestId('paths-step-counter').textContent()) ?? '').match(/\d+/)![0]);

test('optimizer paths: two optimizers on the ill-conditioned bowl, played and stepped', async ({ app: page }) => {
  await openApp(page);
  await page.getByTestId('paths-open').click();
  await expect(page.getByTestId('paths-status')).toContainText('computed', { timeout: 60_000 });
  const rows = page.getByTestId('paths-row');
  await expect(rows).toHaveCount(3); // SGD, momentum, Adam

  await rows.nth(1).getByTestId('paths-row-remove').click(); // momentum
  await expect(rows).toHaveCount(2);
  const switchStart = await page.evaluate(() => performance.now());
  await page.getByTestId('paths-surface').selectOption('bowl');
  await expect(page.getByTestId('paths-formula')).toHaveText('f(x, y) = x²/20 + 5y²');
  await expect(page.getByTestId('paths-status')).toContainText('2 paths of 100 steps', { timeout: 60_000 });
  const longestSwitch = Math.max(0, ...(await longTasksSince(page, switchStart))); // the bowl's contours are drawn
  const status = (await page.getByTestId('paths-status').textContent()) ?? '';

  const legend = page.getByTestId('paths-legend');
  await expect(legend.locator('li')).toHaveCount(2);
  await expect(legend.getByTestId('paths-legend-sgd')).toContainText('SGD');
  await expect(legend.getByTestId('paths-legend-adam')).toContainText('Adam');
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 0 of 100');

  const playStart = await page.evaluate(() => performance.now());
  await page.getByTestId('paths-play').click();
  await expect.poll(() => stepShown(page)).toBeGreaterThan(10);
  const midway = await stepShown(page);
  await expect.poll(() => stepShown(page)).toBeGreaterThan(midway);
  const longestPlaying = Math.max(0, ...(await longTasksSince(page, playStart)));
  await page.screenshot({ path: `${SHOTS}/paths-playing.png`, fullPage: true });
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 100 of 100', { timeout: 90_000 });
  await expect(page.getByTestId('paths-play')).toBeVisible(); // stopped by itself at the end

  // Both paths are on the canvas in their legend colours (SGD red, Adam green).
  expect(await pixelsOf(page, '#d62728')).toBeGreaterThan(150);
  expect(await pixelsOf(page, '#1c9a3a')).toBeGreaterThan(150);
  await expect(legend.getByTestId('paths-legend-adam')).toContainText('f = ');
  await page.getByTestId('paths-panel').screenshot({ path: `${SHOTS}/paths-bowl.png` });

  // Step controls and the slider.
  await page.getByTestId('paths-reset').click();
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 0 of 100');
  await page.getByTestId('paths-step').click();
  await page.getByTestId('paths-step').click();
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 2 of 100');
  await page.getByTestId('paths-step-back').click();
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 1 of 100');

  // A click on the plot moves the start point there and plays from it.
  const canvas = page.getByTestId('paths-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
  // Three quarters across x ∈ [−10, 10] and a quarter down y ∈ [−5, 5], to the 0.1 the start is rounded to.
  await expect.poll(async () => Number(await page.getByTestId('paths-start-x').inputValue())).toBeCloseTo(5, 0);
  expect(Math.abs(Number(await page.getByTestId('paths-start-x').inputValue()) - 5)).toBeLessThanOrEqual(0.15);
  expect(Math.abs(Number(await page.getByTestId('paths-start-y').inputValue()) - 2.5)).toBeLessThanOrEqual(0.15);
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 100 of 100', { timeout: 90_000 });

  // Too large a rate for SGD: the legend says where it diverged.
  await rows.nth(0).getByTestId('paths-row-rate').fill('0.5');
  await expect(legend.getByTestId('paths-legend-sgd')).toContainText(/diverged at step \d+/, { timeout: 60_000 });
  await page.getByTestId('paths-surface').selectOption('rosenbrock');
  await expect(page.getByTestId('paths-status')).toContainText('2 paths of 500 steps', { timeout: 60_000 });
  await page.getByTestId('paths-play').click();
  await expect(page.getByTestId('paths-step-counter')).toHaveText('Step 500 of 500', { timeout: 90_000 });
  await page.getByTestId('paths-panel').screenshot({ path: `${SHOTS}/paths-rosenbrock.png` });
  console.log(
    `optimizer paths: ${status} · longest main-thread task while playing ${longestPlaying.toFixed(0)} ms, ` +
      `on switching surface (contours drawn) ${longestSwitch.toFixed(0)} ms`,
  );
});

test('optimizer paths in Simplified Chinese', async ({ app: page }) => {
  await openApp(page, '?lang=zh');
  await page.getByTestId('paths-open').click();
  await expect(page.getByTestId('paths-panel')).toContainText('优化器路径');
  await page.getByTestId('paths-surface').selectOption('saddle');
  await expect(page.getByTestId('paths-status')).toContainText('3 条路径', { timeout: 60_000 });
  await page.getByTestId('paths-play').click();
  await expect(page.getByTestId('paths-step-counter')).toHaveText('第 100 步，共 100 步', { timeout: 90_000 });
  await expect(page.getByTestId('paths-legend')).toContainText('发散');
  await page.getByTestId('paths-panel').screenshot({ path: `${SHOTS}/paths-saddle-zh.png` });
});
