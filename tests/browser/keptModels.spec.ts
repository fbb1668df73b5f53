import * as tf from '@tensorflow/tfjs';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Download } from '@playwright/test';
import { expect, openApp, setSubsets, SHOTS, test, type Page } from './fixtures';
import { loadIdxDataset } from '../helpers/idx';

// Issue 10: a finished run's model outlives the run. Evaluated in the page, downloaded in the TF.js Layers
// format and loaded with plain tf.loadLayersModel in Node, it predicts what the app predicted; after a
// reload it is still there and evaluates to the same accuracy.

type Debug = { cnnDebug: { evaluated(n: number): { testIndex: number; label: number; predicted: number }[] } };

async function evaluated(page: Page, n: number) {
  return page.evaluate((k) => (window as unknown as Debug).cnnDebug.evaluated(k), n);
}

test('a kept model is evaluated, downloaded, loads in Node with the same predictions, and survives a reload', async ({ app: page }) => {
  await openApp(page, '?backend=wasm&debug');
  await setSubsets(page, 2000, 0, 500);
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });
  const accuracy = (await page.getByTestId('test-accuracy').textContent())!;

  await expect(page.getByTestId('model-weights-from')).toContainText('epoch 1');
  await page.getByTestId('evaluate-subset').click();
  await expect(page.getByTestId('evaluation-summary')).toContainText('500 test images');
  const subset = await evaluated(page, 500);
  const subsetAccuracy = subset.filter((r) => r.label === r.predicted).length / 5; // percent
  expect(`${subsetAccuracy.toFixed(2)}%`).toBe(accuracy.trim());

  await page.getByTestId('evaluate-full').click();
  await expect(page.getByTestId('evaluation-summary')).toContainText('10000 test images');
  const first100 = await evaluated(page, 100);
  expect(first100.map((r) => r.testIndex)).toEqual(Array.from({ length: 100 }, (_, i) => i));

  // Download model.json and weights.bin side by side and load them over HTTP, as another page would.
  const dir = mkdtempSync(path.join(tmpdir(), 'cnn-model-'));
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByTestId('export-trained-model').click();
  await expect.poll(() => downloads.length).toBe(2);
  expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual(['model.json', 'weights.bin']);
  for (const d of downloads) await d.saveAs(path.join(dir, d.suggestedFilename()));
  const server = createServer((req, res) => res.end(readFileSync(path.join(dir, path.basename(req.url ?? '')))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
    const mnist = loadIdxDataset('mnist');
    const x = tf.tensor4d(Float32Array.from(mnist.test.images.subarray(0, 100 * 784), (v) => v / 255), [100, 28, 28, 1]);
    const probabilities = model.predict(x) as tf.Tensor2D;
    const sums = (await probabilities.sum(1).data()) as Float32Array;
    expect(Math.min(...sums)).toBeGreaterThan(0.999); // it ends in a softmax
    const predicted = Array.from(await probabilities.argMax(1).data());
    expect(predicted).toEqual(first100.map((r) => r.predicted));
    tf.dispose([x, probabilities]);
    model.dispose();
  } finally {
    server.close();
  }

  // After a reload the model is still kept (IndexedDB) and evaluates to the same accuracy.
  await page.reload();
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kept-models-storage')).toContainText('1 kept model');
  await page.getByTestId('show-run').first().click();
  await page.getByTestId('evaluate-subset').click();
  await expect(page.getByTestId('evaluation-summary')).toContainText('500 test images', { timeout: 60_000 });
  const again = await evaluated(page, 500);
  expect(again.filter((r) => r.label === r.predicted).length / 5).toBe(subsetAccuracy);
  await page.screenshot({ path: `${SHOTS}/kept-model.png`, fullPage: true });
});
