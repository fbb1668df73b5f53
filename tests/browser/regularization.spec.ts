import { expect, openApp, setSubsets, SHOTS, test } from './fixtures';

// Pinned to wasm, the fastest backend here, so no calibration runs first.
test('optimizer help, the large-batch hint, weight decay fields and early stopping', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await setSubsets(page, 120, 60, 30);

  // Rprop: its help text and a one-click large batch (capped by the 120 training images).
  await page.getByTestId('optimizer-select').selectOption('rprop');
  await expect(page.getByTestId('optimizer-help')).toContainText('sign of each gradient');
  await page.getByTestId('useLargeBatch').click();
  await expect(page.getByTestId('batch-size')).toHaveValue('120');
  await expect(page.getByTestId('useLargeBatch')).toBeDisabled(); // already there
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/rprop-help.png` });
  await page.getByTestId('optimizer-select').selectOption('manhattan');
  await expect(page.getByTestId('optimizer-help')).toContainText('exactly the learning rate');
  await expect(page.getByTestId('useLargeBatch')).toHaveCount(0);
  await page.getByTestId('optimizer-select').selectOption('scg');
  await expect(page.getByTestId('optimizer-help')).toContainText('Møller 1993');
  await page.getByTestId('optimizer-select').selectOption('adam');
  await expect(page.getByTestId('optimizer-help')).toHaveCount(0);

  // A bad weight decay is named and blocks training.
  await page.getByTestId('reg-l2').fill('-1');
  await expect(page.getByTestId('regularization-error')).toContainText('the L2 weight decay must be at least 0');
  await expect(page.getByTestId('startTraining')).toBeDisabled();
  await page.getByTestId('reg-l2').fill('0.001');
  await expect(page.getByTestId('regularization-error')).toHaveCount(0);

  // Early stopping with a learning rate too small to change float32 weights: the validation loss repeats,
  // so with patience 1 the run ends after epoch 2 of 6 and says so.
  await page.getByTestId('optimizer-select').selectOption('sgd');
  await page.getByTestId('hyper-learningRate').fill('0.000000000001');
  await page.getByTestId('batch-size').fill('60');
  await page.getByTestId('epochs').fill('6');
  await page.getByTestId('reg-patience').fill('1');
  await page.screenshot({ path: `${SHOTS}/regularization-settings.png`, fullPage: true });
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('stopped-early')).toContainText('Stopped early after epoch 2 (patience 1): the validation loss last improved at epoch 1.', { timeout: 120_000 });
  await expect(page.getByTestId('weight-penalty')).toContainText('not in the charted loss');
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/stopped-early.png`, fullPage: true });
});

test('the loss function and the weight initialisation: hinge from small random weights trains, and the run says so', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await setSubsets(page, 64, 32, 32);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('loss-select').selectOption('hinge');
  await expect(page.getByTestId('loss-help')).toContainText('max(0, 1 + its score');
  await page.getByTestId('init-select').selectOption('smallNormal');
  await expect(page.getByTestId('init-help')).toContainText('N(0, 0.01²)');
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/loss-init-en.png` });
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('loss-help')).toContainText('ConvNetJS 的 SVM 损失');
  await page.getByTestId('training-panel').screenshot({ path: `${SHOTS}/loss-init-zh.png` });
  await page.getByTestId('language').selectOption('en');

  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 120_000 });
  const row = page.getByTestId('run-row').first();
  await expect(row.getByTestId('run-loss')).toHaveText('hinge');
  await expect(row.getByTestId('run-init')).toHaveText('N(0, 0.01)');
  await expect(row.getByTestId('run-name')).toHaveValue(/· hinge · N\(0, 0\.01\) init/);
  await expect(page.getByTestId('loss-chart')).toContainText('Loss: hinge');
  await expect(page.getByTestId('test-loss-label')).toHaveText('Test loss (hinge)');
  await page.getByTestId('runs-panel').screenshot({ path: `${SHOTS}/loss-init-runs.png` });
});
