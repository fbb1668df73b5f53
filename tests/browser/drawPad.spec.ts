import { expect, LONG_TASK_LIMIT_MS, longTasksSince, openApp, SHOTS, test } from './fixtures';

// Issue 10: a "1" drawn on the pad is class 1 for a model with ≥ 95 % test accuracy, and drawing keeps every
// main-thread task under 50 ms (the fixture records long tasks from page load on).
test('a 1 drawn on the pad is predicted as 1, live, without long tasks', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet-modern');
  // The default training (Adam 0.003 with a cosine schedule, 10,000 images, 2 epochs) reaches 97–98 % here.
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 280_000 });
  expect(parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0')).toBeGreaterThanOrEqual(95);

  const pad = page.getByTestId('kept-model-panel').getByTestId('draw-pad').locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const bars = page.getByTestId('prediction-bars');
  await expect(bars).not.toHaveAttribute('data-top-class'); // nothing predicted before a stroke
  // Measured after scrolling: the box must be where the pad is when the mouse moves.
  const box = (await pad.boundingBox())!;
  const since = await page.evaluate(() => performance.now());
  // A slightly slanted vertical stroke, about two thirds of the pad tall, as a student writes a 1.
  await page.mouse.move(box.x + box.width * 0.54, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.45, { steps: 12 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, { steps: 12 });
  // Live: the bars follow the drawing before the stroke ends.
  await expect(bars).toHaveAttribute('data-top-class', /.+/);
  await page.mouse.up();

  await expect(bars).toHaveAttribute('data-top-class', '1');
  await expect(bars.getByTestId('prediction-top')).toContainText('1');
  const longest = Math.max(0, ...(await longTasksSince(page, since)));
  expect(longest, 'longest main-thread task while drawing (ms)').toBeLessThan(LONG_TASK_LIMIT_MS);
  await page.getByTestId('kept-model-panel').screenshot({ path: `${SHOTS}/draw-pad-1.png` });
  console.log(`draw pad: "1" predicted as ${await bars.getAttribute('data-top-class')}; longest main-thread task while drawing ${longest.toFixed(0)} ms`);

  // The views inside the network show what the model does with the drawing: the output says 1 too.
  await page.getByTestId('look-inside-own').click();
  const probabilities = page.getByTestId('feature-maps').getByTestId('fm-probability');
  await expect(probabilities).toHaveCount(10);
  const values = await probabilities.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-probability'))));
  expect(values.indexOf(Math.max(...values))).toBe(1);

  await page.getByTestId('draw-pad-clear').click();
  await expect(bars).not.toHaveAttribute('data-top-class');
});
