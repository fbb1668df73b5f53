import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { expect, test } from './fixtures';

// Issue 9, defect 9: a prepared label file with a label outside the classes used to load, leave Train
// enabled and fail deep in training; now the dataset is refused with what is wrong and how to fix it.
test('a prepared label beyond the classes is refused in the dataset panel and Train stays disabled', async ({ app: page }) => {
  await page.route('**/datasets/mnist/train-labels.u8.br', async (route) => {
    const response = await route.fetch();
    // Playwright hands over the body decoded when the server sent it with Content-Encoding: br.
    const body = await response.body();
    const labels = body.length === 60_000 ? Buffer.from(body) : brotliDecompressSync(body);
    labels[345] = 12;
    await route.fulfill({ response, body: brotliCompressSync(labels) });
  });
  await page.goto('/');
  const notice = page.getByTestId('dataset-missing');
  await expect(notice).toContainText('MNIST could not be read: public/datasets/mnist/train-labels.u8.br: label 12 at image 345 is not below the 10 classes', { timeout: 60_000 });
  await expect(notice).toContainText('npm run datasets -- --only mnist --force');
  await expect(page.getByTestId('dataset-select').locator('option[value="mnist"]')).toHaveText('MNIST ✗');
  await expect(page.getByTestId('sample-grid')).toHaveCount(0);
  await expect(page.getByTestId('startTraining')).toBeDisabled();
});

// Issue 12 §5: the default MNIST start moves the brotli files (9.7 MB, the goal is at most 10; plain files
// were 55 MB, gzip 11.5), with a byte progress bar while they come in.
test('MNIST arrives compressed, with a byte progress bar while it loads', async ({ app: page }) => {
  // Bytes as they crossed the network (encoded), for every dataset file the page or its worker fetched.
  const sizes: Promise<number>[] = [];
  page.context().on('requestfinished', (request) => {
    if (request.url().includes('/datasets/mnist/')) sizes.push(request.sizes().then((s) => s.responseBodySize));
  });
  // The big file comes late, so the bar is seen between the small files and it.
  await page.route('**/datasets/mnist/train-images.u8.br', async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  await page.goto('/');
  const bar = page.getByTestId('dataset-progress');
  await expect(bar).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.download-progress')).toContainText(/of 9\.\d MB downloaded/);
  await expect(page.getByTestId('dataset-status')).toBeVisible({ timeout: 60_000 });
  await expect(bar).toHaveCount(0);
  const wire = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`MNIST on the wire: ${(wire / 1e6).toFixed(2)} MB in ${sizes.length} requests`);
  expect(wire).toBeGreaterThan(9e6);
  expect(wire).toBeLessThanOrEqual(10e6);
});
