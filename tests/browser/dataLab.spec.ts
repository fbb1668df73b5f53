import { expect, openApp, setSubsets, SHOTS, test } from './fixtures';

// Issue 12 §§2-3 in the page: K-fold cross-validation ends with a mean ± std row per configuration, the
// overfitting lab's one click queues and trains its six runs with a gap chart each, bagging shows the
// ensemble beside its members.

const SPREAD = /^\d+\.\d ± \d+\.\d %$/;

test('a 3-fold cross-validation of LeNet on 1,500 MNIST images ends with a mean ± std row; a second configuration compares by its mean', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await setSubsets(page, 1500, 0, 200);
  await page.getByTestId('epochs').fill('1');
  const panel = page.getByTestId('kfold-panel');
  await panel.getByTestId('kfold-k').selectOption('3');
  await panel.getByTestId('kfold-queue').click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  const summary = page.getByTestId('kfold-summary');
  const mean = summary.getByTestId('kfold-mean-0');
  await expect(mean).toHaveAttribute('data-complete', 'true', { timeout: 120_000 });
  await expect(mean.locator('td').nth(2)).toHaveText(SPREAD);
  await expect(mean.locator('td').nth(3)).toHaveText(/^\d\.\d{3} ± \d\.\d{3}$/);
  // Each fold validated on its own 500 images, with figures of its own.
  for (const i of [0, 1, 2]) await expect(summary.getByTestId(`kfold-fold-0-${i}`).locator('td').nth(2)).toHaveText(/^\d+\.\d %$/);
  // The same settings again would only repeat the same folds: the button waits for a change.
  await expect(panel.getByTestId('kfold-queue')).toBeDisabled();
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SHOTS}/kfold-en.png` });

  await page.getByTestId('preset-select').selectOption('lenet-modern');
  await panel.getByTestId('kfold-queue').click();
  await expect(summary.getByTestId('kfold-mean-1')).toHaveAttribute('data-complete', 'true', { timeout: 120_000 });
  await expect(summary.getByTestId('kfold-mean-1').locator('td').nth(2)).toHaveText(SPREAD);
  const texts = await summary.locator('tr.lab-summary').allTextContents();
  console.log(`k-fold summary rows: ${texts.join(' | ')}`);
  expect(texts.filter((t) => t.includes('highest mean'))).toHaveLength(1);
  await expect(summary.getByTestId('kfold-compare')).toContainText(/points of mean validation accuracy/);
  console.log(`k-fold comparison: ${await summary.getByTestId('kfold-compare').textContent()}`);
  await panel.screenshot({ path: `${SHOTS}/kfold-compare-en.png` });
  await page.getByTestId('language').selectOption('zh');
  await expect(summary.getByTestId('kfold-mean-0')).toContainText('均值 ± 标准差');
  await panel.screenshot({ path: `${SHOTS}/kfold-zh.png` });
});

test('the overfitting lab queues its six runs in one click, charts each run’s gap with the best epoch marked, and the table ranks them', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await setSubsets(page, 1000, 300, 100);
  const lab = page.getByTestId('overfitting-lab');
  await lab.getByTestId('overfit-images').selectOption('100');
  await lab.getByTestId('overfit-epochs').selectOption('5');
  await lab.getByTestId('overfit-model').selectOption('lenet5');
  await lab.getByTestId('overfit-queue').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(6);
  const names = page.getByTestId('run-name');
  await expect(names.nth(0)).toHaveValue('No regularisation (100 images)');
  await expect(names.nth(1)).toHaveValue('+ dropout (100 images)');
  await expect(names.nth(4)).toHaveValue('+ more data (500 images)');
  await expect(names.nth(5)).toHaveValue('Too small a model (100 images)');
  const statuses = page.getByTestId('run-status-cell');
  for (let i = 0; i < 6; i++) await expect(statuses.nth(i)).toContainText('Finished', { timeout: 120_000 });
  for (const kind of ['plain', 'dropout', 'l2', 'augmentation', 'moreData', 'underfit']) {
    const chart = lab.getByTestId(`gap-chart-${kind}`);
    await expect(chart).toHaveAttribute('data-best-epoch', /^[1-5]$/);
    await expect(chart.locator('.recharts-area')).toHaveCount(1);
    await expect(lab.getByTestId(`overfit-val-${kind}`)).toContainText(/\d+\.\d %/);
  }
  // Ranked by validation accuracy: after sorting, the column reads from highest to lowest.
  await page.getByTestId('sort-bestValAccuracy').click();
  const ranked = async () => (await page.getByTestId('best-val-accuracy').allTextContents()).map((t) => parseFloat(t));
  let values = await ranked();
  if (values[0] < values[values.length - 1]) {
    await page.getByTestId('sort-bestValAccuracy').click();
    values = await ranked();
  }
  expect(values).toEqual([...values].sort((a, b) => b - a));
  const ranking = await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  console.log(`overfitting lab (100 images, 5 epochs), ranked: ${ranking.map((n, i) => `${n} ${values[i]} %`).join('; ')}`);
  await lab.scrollIntoViewIfNeeded();
  await lab.screenshot({ path: `${SHOTS}/overfitting-en.png` });
  await page.getByTestId('language').selectOption('zh');
  await expect(lab).toContainText('小数据与过拟合');
  await lab.screenshot({ path: `${SHOTS}/overfitting-zh.png` });
});

test('bagging: three members on bootstrap samples, the ensemble’s test accuracy beside each member’s', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await setSubsets(page, 600, 0, 300);
  await page.getByTestId('epochs').fill('1');
  const panel = page.getByTestId('bagging-panel');
  await panel.getByTestId('bagging-members').selectOption('3');
  await panel.getByTestId('bagging-queue').click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  const ensemble = panel.getByTestId('bagging-ensemble-0');
  await expect(ensemble.locator('td').nth(1)).toHaveText(/^\d+\.\d %$/, { timeout: 120_000 });
  const members = panel.getByTestId('bagging-group-0').locator('tbody tr');
  await expect(members).toHaveCount(4);
  for (let i = 0; i < 3; i++) await expect(members.nth(i).locator('td').nth(1)).toHaveText(/^\d+\.\d %$/);
  console.log(`bagging: ${(await members.allTextContents()).join(' | ')}; ${await panel.getByTestId('bagging-group-0').locator('p').first().textContent()}`);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SHOTS}/bagging-en.png` });
  await page.getByTestId('language').selectOption('zh');
  await panel.screenshot({ path: `${SHOTS}/bagging-zh.png` });
});
