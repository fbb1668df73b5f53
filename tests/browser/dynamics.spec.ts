import { expect, openApp, setSubsets, SHOTS, test, type Page } from './fixtures';

// Issue 11, live: the views inside the network follow a run while it trains and hold still while it is
// paused; the weights-and-gradients views have one gradient-norm line per weighted layer and histograms that
// hold every weight; the vanishing-gradient lesson shows the sigmoid stack's first layers starving.

async function filterPixels(page: Page): Promise<string> {
  return page.getByTestId('filters').locator('canvas').evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()).join('|'));
}

test('feature maps and filters follow a LeNet while it trains, hold while paused; gradient norms and histograms per layer', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await setSubsets(page, 6000, 0, 100);
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('pauseTraining')).toBeEnabled({ timeout: 60_000 });

  // Looked at during training: the filters drawn a moment later are other ones.
  await page.getByTestId('look-inside').click();
  await expect(page.getByTestId('filters').getByTestId('filters-layer')).toHaveCount(2);
  await expect(page.getByTestId('inside-live-note')).toBeVisible();
  const early = await filterPixels(page);
  await expect.poll(() => filterPixels(page), { timeout: 30_000 }).not.toBe(early);

  // Paused: the views stay as they are.
  await page.getByTestId('pauseTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Paused', { timeout: 60_000 });
  await page.waitForTimeout(600); // the last look after pausing lands
  const paused = await filterPixels(page);
  await page.waitForTimeout(1200);
  expect(await filterPixels(page)).toBe(paused);
  // One batch from the pause: trained, paused again, and the filters show that step's change.
  await page.getByTestId('step-batch').click();
  await expect.poll(() => filterPixels(page), { timeout: 30_000 }).not.toBe(paused);
  await expect(page.getByTestId('run-status')).toContainText('Paused');
  await expect(page.getByTestId('step-batch')).toBeVisible();
  await page.getByTestId('kept-model-panel').screenshot({ path: `${SHOTS}/inside-live-en.png` });

  // LeNet-5 has five weighted layers (C1, C3, F5, F6, output): one line and one histogram each.
  const dynamics = page.getByTestId('dynamics-panel');
  await dynamics.scrollIntoViewIfNeeded(); // off screen, the panel does not update
  await expect(dynamics.getByTestId('gradient-norms').getByTestId('gradient-norm-line')).toHaveCount(5);
  await expect(dynamics.getByTestId('gradient-norms').locator('.recharts-line')).toHaveCount(5);
  await expect(dynamics.getByTestId('histogram-layer')).toHaveCount(5);
  // C1: 6 filters of 5×5×1 and 6 biases; every one is in its histogram.
  await expect(dynamics.locator('[data-testid="histogram-layer"][data-layer="0"]')).toHaveAttribute('data-count', '156');
  await dynamics.getByTestId('histograms-gradients').check();
  await expect(dynamics.locator('[data-testid="histogram-layer"][data-layer="0"]')).toHaveAttribute('data-count', '156');
  await page.getByTestId('stopTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Stopped', { timeout: 60_000 });
  await dynamics.screenshot({ path: `${SHOTS}/dynamics-en.png` });
  // Reset: back to an untrained start; the run stays in the table.
  await page.getByTestId('reset-run').click();
  await expect(page.getByTestId('run-status')).toContainText('Ready');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
});

test('the vanishing-gradient lesson: the sigmoid stack’s first layer gets a far smaller gradient than with ReLU and batch norm', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await setSubsets(page, 512, 0, 100);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('vanishing-lesson').click();
  await page.getByTestId('dynamics-panel').scrollIntoViewIfNeeded(); // off screen, the panel does not update
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  const columns = page.getByTestId('dynamics-panel').getByTestId('dynamics-run');
  await expect(columns).toHaveCount(2);
  const statuses = page.getByTestId('run-status-cell');
  await expect(statuses.nth(0)).toContainText('Finished', { timeout: 120_000 });
  await expect(statuses.nth(1)).toContainText('Finished', { timeout: 120_000 });
  // Nine dense layers each: eight hidden and the output.
  for (const column of [columns.nth(0), columns.nth(1)]) await expect(column.getByTestId('gradient-norm-line')).toHaveCount(9);
  // The runs' rows above may have pushed the panel off screen, where it waits to draw: bring it back and
  // wait for both columns' last steps.
  await page.getByTestId('dynamics-panel').scrollIntoViewIfNeeded();
  for (const column of [columns.nth(0), columns.nth(1)]) {
    for (const line of [column.getByTestId('gradient-norm-line').first(), column.getByTestId('gradient-norm-line').last()]) {
      await expect(line).toHaveAttribute('data-value', /^[0-9.e+-]+$/i);
    }
  }
  const ratio = async (column: number) => {
    const lines = columns.nth(column).getByTestId('gradient-norm-line');
    const first = Number(await lines.first().getAttribute('data-value'));
    const last = Number(await lines.last().getAttribute('data-value'));
    return first / last;
  };
  const sigmoid = await ratio(0);
  const relu = await ratio(1);
  console.log(`vanishing gradients: first/last layer gradient norm, sigmoid ${sigmoid.toExponential(2)}, ReLU + BN ${relu.toExponential(2)}`);
  expect(sigmoid * 20).toBeLessThan(relu);
  await page.getByTestId('dynamics-panel').screenshot({ path: `${SHOTS}/vanishing-en.png` });
  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('dynamics-panel').screenshot({ path: `${SHOTS}/vanishing-zh.png` });
});
