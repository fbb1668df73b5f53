import { expect, openApp, SHOTS, test } from './fixtures';

test('model builder: edits update shapes at once, errors show beside the layer, training is blocked', async ({ app: page }) => {
  await openApp(page);
  const rows = page.getByTestId('layer-row');
  await expect(rows).toHaveCount(8);
  await expect(rows.nth(0).getByTestId('layer-shape')).toHaveText('28×28×6');

  await rows.nth(0).getByTestId('field-filters').fill('12');
  await expect(rows.nth(0).getByTestId('layer-shape')).toHaveText('28×28×12');

  await rows.nth(2).getByTestId('field-kernelSize').fill('30');
  await expect(rows.nth(2).getByTestId('layer-issue')).toContainText('layer 3 conv2d: 30×30 kernel does not fit a 14×14 input');
  await expect(page.getByTestId('startTraining')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/builder-error.png`, fullPage: true });

  await rows.nth(2).getByTestId('field-kernelSize').fill('3');
  await expect(page.getByTestId('layer-issue')).toHaveCount(0);
  await expect(page.getByTestId('startTraining')).toBeEnabled();

  await page.getByTestId('add-dropout').click();
  await expect(rows).toHaveCount(9);
  await expect(rows.nth(7)).toContainText('Dropout');
  await rows.nth(7).getByRole('button', { name: 'Move up' }).click();
  await expect(rows.nth(6)).toContainText('Dropout');
  await rows.nth(6).getByRole('button', { name: 'Remove layer' }).click();
  await expect(rows).toHaveCount(8);
});

test('switches to Simplified Chinese and back', async ({ app: page }) => {
  await openApp(page);
  await page.getByTestId('language').selectOption('zh');
  await expect(page.locator('h1')).toHaveText('CNN 训练场');
  await expect(page.getByTestId('startTraining')).toHaveText('训练');
  await expect(page.getByTestId('model-panel')).toContainText('卷积');
  // Counts go by 万 in Chinese (61.7k parameters in English).
  await expect(page.getByTestId('total-params')).toHaveText('6.17万');
  // The engine's geometry errors are said in Chinese too.
  await page.getByTestId('layer-row').nth(2).getByTestId('field-kernelSize').fill('30');
  await expect(page.getByTestId('layer-issue')).toHaveText('第 3 层 conv2d：30×30 的卷积核放不进 14×14 的输入——请用更小的卷积核，或把 padding 设为 "same"');
  await page.screenshot({ path: `${SHOTS}/chinese.png`, fullPage: true });
  await page.getByTestId('layer-row').nth(2).getByTestId('field-kernelSize').fill('5');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('CNN 训练场'); // remembered
  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('h1')).toHaveText('CNN Playground');
});
