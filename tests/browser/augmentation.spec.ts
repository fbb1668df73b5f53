import { expect, openApp, setSubsets, test, type Page } from './fixtures';

// Augmentation from the student's side: the preview redraws as settings change, a run trains with them on
// the wasm backend, and the run table says which augmentation each run had.

const SHOTS = 'tests/output';

/** The preview canvas's pixels, as a data URL: equal strings mean the same picture. */
const previewPixels = (page: Page) => page.getByTestId('augmentation-preview').evaluate((c) => (c as HTMLCanvasElement).toDataURL());

async function previewChanges(page: Page, from: string): Promise<string> {
  await expect.poll(() => previewPixels(page), { timeout: 30_000 }).not.toBe(from);
  return previewPixels(page);
}

test('flips and rotation: the preview changes, a run trains with them and the run table shows them', async ({ app: page }) => {
  await openApp(page, '?backend=wasm&lang=en');
  await expect(page.getByTestId('backend')).toContainText('wasm');
  const panel = page.getByTestId('augmentation-panel');
  await expect(page.getByTestId('augmentation-preview')).toBeVisible();
  // Off by default: every column is the original image, and the panel says so and why digits are not flipped.
  await expect(page.getByTestId('augment-off-note')).toBeVisible();
  await expect(page.getByTestId('augment-advice')).toContainText('no flips');
  await expect(page.getByTestId('augment-flipHorizontal-enabled')).not.toBeChecked();
  let pixels = await previewPixels(page);

  await page.getByTestId('augment-enabled').check();
  await expect(page.getByTestId('augment-off-note')).toBeHidden();
  pixels = await previewChanges(page, pixels);

  // Only flips and rotation, so the table's text is exactly theirs.
  for (const op of ['translation', 'scale']) await page.getByTestId(`augment-${op}-enabled`).uncheck();
  pixels = await previewChanges(page, pixels);
  await page.getByTestId('augment-flipHorizontal-enabled').check();
  pixels = await previewChanges(page, pixels);
  await page.getByTestId('augment-rotation-magnitude').fill('30');
  await expect(page.getByTestId('augment-rotation')).toContainText('±30°');
  pixels = await previewChanges(page, pixels);
  await panel.screenshot({ path: `${SHOTS}/augmentation-en.png` });

  await setSubsets(page, 500, 100, 100);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('on wasm', { timeout: 120_000 });
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 240_000 });
  const accuracy = parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0');
  expect(accuracy).toBeGreaterThan(20); // chance is 10 %

  const row = page.getByTestId('run-row').first();
  await expect(row.getByTestId('run-name')).toHaveValue(/\+ augmentation$/); // the run's name says so
  await expect(row.getByTestId('run-augmentation')).toHaveText('Horizontal flip (50%), Rotation ±30° (50%)');

  // The same panel in Chinese.
  await page.getByTestId('language').selectOption('zh');
  await expect(panel).toContainText('数据增强');
  await expect(row.getByTestId('run-augmentation')).toHaveText('水平翻转 (50%)、旋转 ±30° (50%)');
  await panel.screenshot({ path: `${SHOTS}/augmentation-zh.png` });
});

test('CIFAR-10 takes its own defaults: mirror images and pad-and-crop, never upside down', async ({ app: page }) => {
  await openApp(page, '?backend=wasm&lang=en');
  await page.getByTestId('dataset-select').selectOption('cifar10');
  await expect(page.getByTestId('augment-advice')).toContainText('Photos');
  await expect(page.getByTestId('augment-flipHorizontal-enabled')).toBeChecked();
  await expect(page.getByTestId('augment-flipVertical-enabled')).not.toBeChecked();
  await expect(page.getByTestId('augment-translation')).toContainText('±4 px');
  const pixels = await previewPixels(page);
  await page.getByTestId('augment-enabled').check();
  await previewChanges(page, pixels);
  await page.getByTestId('augmentation-panel').screenshot({ path: `${SHOTS}/augmentation-cifar-en.png` });
});

for (const backend of ['webgl', 'cpu']) {
  test(`the preview augments on the ${backend} backend too`, async ({ app: page }) => {
    await openApp(page, `?backend=${backend}&lang=en`);
    await expect(page.getByTestId('backend')).toContainText(backend);
    const pixels = await previewPixels(page);
    await page.getByTestId('augment-enabled').check();
    await page.getByTestId('augment-cutout-enabled').check();
    await page.getByTestId('augment-noise-enabled').check();
    await previewChanges(page, pixels);
    await expect(page.getByTestId('augmentation-panel').locator('.error')).toHaveCount(0);
  });
}
