import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, longTasksSince, openApp, setSubsets, SHOTS, test, type Page } from './fixtures';

// Two optimizers on the same tiny MNIST subset: queued, trained one after the other, overlaid,
// tabulated, exported, and restored after a reload.

async function downloaded(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!);
}

// Pinned to wasm (seconds where SwiftShader's WebGL takes a minute; train.spec.ts covers WebGL): the backend
// calibration would otherwise time every backend first.
test('compares two optimizers end to end', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await setSubsets(page, 256, 64, 64);
  await page.getByTestId('epochs').fill('1');

  await page.getByTestId('queueRun').click(); // Adam, the default
  await page.getByTestId('optimizer-select').selectOption('momentum');
  await page.getByTestId('queueRun').click();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('queued-count')).toContainText('2');

  const trainingStart = await page.evaluate(() => performance.now());
  await page.getByTestId('trainQueue').click();
  // The legend is live: an entry appears once the first run trains (the first run of 256 images may already
  // be over, and the second's entry there too, by the time this looks).
  await expect(page.getByTestId('legend-entry').first()).toHaveText('Adam η=0.003', { timeout: 120_000 });
  await expect(page.getByTestId('run-status-cell')).toHaveText(['Finished', 'Finished'], { timeout: 240_000 });
  const longTasks = await longTasksSince(page, trainingStart);
  const longest = Math.max(0, ...longTasks);

  const names = await page.getByTestId('run-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(names).toEqual(['Adam η=0.003', 'SGD with momentum η=0.05']);
  await expect(page.getByTestId('legend-entry')).toHaveText(names);
  // A training line per run, and one validation point per run (one epoch). Looked at: off screen, the
  // chart waits for the student to scroll back.
  await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('loss-chart').locator('path.recharts-curve')).toHaveCount(2);
  await expect(page.getByTestId('loss-chart').locator('.recharts-line-dots circle')).toHaveCount(2);
  await expect(page.getByTestId('fairness')).toContainText('identical weights');

  // Same seed: same initial weights and the same first batch, whatever the optimizer.
  const firstLoss = await page.getByTestId('first-batch-loss').allTextContents();
  expect(Number(firstLoss[0])).toBeGreaterThan(1.5); // about ln 10 for an untrained 10-class model
  expect(firstLoss[1]).toBe(firstLoss[0]);
  const testAccuracy = await page.getByTestId('run-test-accuracy').allTextContents();

  const csv = Papa.parse<Record<string, string>>((await downloaded(page, 'exportRunsCsv')).toString('utf8'), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  expect(csv.data.map((r) => r.name)).toEqual(names);
  expect(csv.data.map((r) => r.optimizer)).toEqual(['adam', 'momentum']);
  expect(csv.data[1].first_batch_loss).toBe(csv.data[0].first_batch_loss);
  expect(Number(csv.data[0].first_batch_loss).toFixed(5)).toBe(firstLoss[0]);
  expect(csv.data.map((r) => `${(Number(r.test_accuracy) * 100).toFixed(2)}%`)).toEqual(testAccuracy);

  await page.getByTestId('chart-x').selectOption('images');
  await expect(page.getByTestId('loss-chart')).toContainText('training images seen');
  await page.getByTestId('chart-log').check();
  const png = await downloaded(page, 'exportChartsPng');
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  writeFileSync(`${SHOTS}/compare-export.png`, png);
  await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });

  // Rename, hide and show, duplicate.
  const second = page.getByTestId('run-row').nth(1);
  await second.getByTestId('run-name').fill('Momentum 0.05');
  await second.getByTestId('run-name').press('Enter');
  await expect(page.getByTestId('legend-entry').nth(1)).toHaveText('Momentum 0.05');
  await page.getByTestId('run-row').nth(0).getByTestId('run-visible').uncheck();
  await expect(page.getByTestId('legend-entry')).toHaveText(['Momentum 0.05']);
  await page.getByTestId('run-row').nth(0).getByTestId('run-visible').check();
  await expect(page.getByTestId('legend-entry')).toHaveCount(2);
  await page.getByTestId('run-row').nth(0).getByTestId('duplicate-run').click();
  await expect(page.getByTestId('optimizer-select')).toHaveValue('adam');

  // Sorting by test accuracy puts the better run first.
  await page.getByTestId('sort-testAccuracy').click();
  const sorted = await page.getByTestId('run-test-accuracy').allTextContents();
  expect(sorted.map(parseFloat)).toEqual([...testAccuracy.map(parseFloat)].sort((a, b) => b - a));

  // Saved in IndexedDB: a reload brings the comparison back, renamed.
  await page.reload();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('legend-entry')).toHaveText(['Adam η=0.003', 'Momentum 0.05']);
  await expect(page.getByTestId('first-batch-loss')).toHaveText(firstLoss);
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('chart-x').selectOption('time');
  await page.screenshot({ path: `${SHOTS}/compare-restored.png`, fullPage: true });

  // A damaged record is reported by name and field; the others still load.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cnn-playground-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('runs', 'readwrite');
          tx.objectStore('runs').put({ version: 1, name: 'Damaged run', colour: 'red' }, 'damaged');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await openApp(page, '?backend=wasm&lang=zh');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('runs-notice')).toContainText('Damaged run');
  await expect(page.getByTestId('runs-notice')).toContainText('colour');
  await page.screenshot({ path: `${SHOTS}/compare-zh.png`, fullPage: true });

  console.log(`two-run comparison: first-batch loss ${firstLoss[0]} in both · test accuracy ${testAccuracy.join(' / ')} · longest main-thread task while training ${longest.toFixed(0)} ms (${longTasks.length} over 50 ms: ${longTasks.map((t) => t.toFixed(0)).join(', ')})`);
});
