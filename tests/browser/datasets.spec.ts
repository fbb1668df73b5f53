import { expect, openApp, setSubsets, SHOTS, test } from './fixtures';

test('CIFAR-10: the preset adapts to 32×32×3 colour images and trains', async ({ app: page }) => {
  await openApp(page);
  await page.getByTestId('dataset-select').selectOption('cifar10');
  await expect(page.getByTestId('dataset-status')).toContainText('10,000 training and 10,000 test images, 32×32×3');
  await expect(page.getByTestId('layer-table')).toContainText('32×32×3');
  await expect(page.getByTestId('layer-issue')).toHaveCount(0);
  await setSubsets(page, 200, 50, 50);
  await page.getByTestId('epochs').fill('1');
  await page.screenshot({ path: `${SHOTS}/cifar10-dataset.png`, fullPage: true });
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('prediction-strip')).toContainText(/airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck/);
});

test('Fashion-MNIST loads with its class names', async ({ app: page }) => {
  await openApp(page);
  await page.getByTestId('dataset-select').selectOption('fashion-mnist');
  await expect(page.getByTestId('dataset-status')).toContainText('60,000 training');
  await expect(page.getByTestId('dataset-panel')).toContainText('Ankle boot');
  await expect(page.getByTestId('sample-grid')).toBeVisible();
  // In Chinese the classes are named in Chinese, in the dataset's order.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('dataset-panel')).toContainText('短靴');
  await expect(page.getByTestId('dataset-panel')).not.toContainText('Ankle boot');
});

test('a dataset that is not prepared says which command prepares it', async ({ app: page }) => {
  await page.route('**/datasets/cifar10/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openApp(page);
  await page.getByTestId('dataset-select').selectOption('cifar10');
  await expect(page.getByTestId('dataset-missing')).toContainText('CIFAR-10 is not prepared on this machine');
  await expect(page.getByTestId('dataset-missing')).toContainText('npm run datasets -- --only cifar10');
  await expect(page.getByTestId('startTraining')).toBeDisabled();
});
