import { expect, test } from './fixtures';

// Issue 9, defect 9: a prepared label file with a label outside the classes used to load, leave Train
// enabled and fail deep in training; now the dataset is refused with what is wrong and how to fix it.
test('a prepared label beyond the classes is refused in the dataset panel and Train stays disabled', async ({ app: page }) => {
  await page.route('**/datasets/mnist/train-labels.u8', async (route) => {
    const response = await route.fetch();
    const labels = Buffer.from(await response.body());
    labels[345] = 12;
    await route.fulfill({ response, body: labels });
  });
  await page.goto('/');
  const notice = page.getByTestId('dataset-missing');
  await expect(notice).toContainText('MNIST could not be read: public/datasets/mnist/train-labels.u8: label 12 at image 345 is not below the 10 classes', { timeout: 60_000 });
  await expect(notice).toContainText('npm run datasets -- --only mnist --force');
  await expect(page.getByTestId('dataset-select').locator('option[value="mnist"]')).toHaveText('MNIST ✗');
  await expect(page.getByTestId('sample-grid')).toHaveCount(0);
  await expect(page.getByTestId('startTraining')).toBeDisabled();
});
