import { expect, openApp, setSubsets, SHOTS, test, type Page } from './fixtures';

// Issue 11 (views on a kept model): feature maps and filters of the student's own LeNet appear, change
// when the model trains further, and the explainer's number is the feature map's.

/** A fingerprint of every filter patch as drawn: it changes when the weights do. */
async function filterPixels(page: Page): Promise<string> {
  return page.getByTestId('filters').locator('canvas').evaluateAll((canvases) => canvases.map((c) => (c as HTMLCanvasElement).toDataURL()).join('|'));
}

test('feature maps and filters of a trained LeNet appear, change with more training, and the explainer agrees', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await expect(page.getByTestId('network-diagram').getByTestId('diagram-block')).toHaveCount(9); // input + 8 layers
  const block = page.getByTestId('network-diagram').locator('[data-testid="diagram-block"][data-layer="2"]');
  await block.click();
  await expect(page.getByTestId('layer-row').nth(2)).toHaveClass(/selected-layer/);

  await setSubsets(page, 1000, 0, 100);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });

  await page.getByTestId('look-inside').click();
  const maps = page.getByTestId('feature-maps');
  await expect(maps.getByTestId('fm-layer')).toHaveCount(8);
  await expect(maps.locator('[data-testid="fm-layer"][data-layer="0"] [data-testid="fm-channel"]')).toHaveCount(6); // C1: 6 maps
  await expect(maps.getByTestId('fm-probability')).toHaveCount(10);
  await expect(page.getByTestId('filters').getByTestId('filters-layer')).toHaveCount(2);
  const before = await filterPixels(page);

  // Explain one number of C1's third map: the products, bias and activation give exactly that number.
  const channel = maps.locator('[data-testid="fm-layer"][data-layer="0"] [data-testid="fm-channel"]').nth(2);
  // Clicked relative to the canvas at click time: the panel may still grow while the views draw.
  const size = (await channel.boundingBox())!;
  await channel.click({ position: { x: size.width * 0.55, y: size.height * 0.45 } });
  const explainer = page.getByTestId('conv-explainer');
  await expect(explainer.getByTestId('explainer-agreement')).toHaveAttribute('data-agree', 'true');
  const output = Number(await explainer.getByTestId('explainer-output').getAttribute('data-value'));
  const fromMap = Number(await explainer.getByTestId('explainer-feature-map').getAttribute('data-value'));
  expect(Math.abs(output - fromMap)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(fromMap)));
  await page.getByTestId('kept-model-panel').screenshot({ path: `${SHOTS}/inside-en.png` });

  // Another epoch from these weights: the filters change.
  await page.getByTestId('continue-training').click();
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });
  await page.getByTestId('look-inside').click();
  await expect(page.getByTestId('filters').getByTestId('filters-layer')).toHaveCount(2);
  await expect.poll(() => filterPixels(page)).not.toBe(before);

  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('kept-model-panel').screenshot({ path: `${SHOTS}/inside-zh.png` });
});
