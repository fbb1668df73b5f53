import { expect, openApp, SHOTS, test } from './fixtures';

// At start the app times a few training steps of the model on each backend, trains on the fastest and
// says so; the result is remembered for this machine and model, and a hand-picked backend wins over it.
test('calibration picks the fastest backend, says so, remembers it and can be overridden', async ({ app: page }) => {
  await openApp(page, '?lang=en');
  const choice = page.getByTestId('backend-choice');
  await expect(choice).toContainText('fastest here', { timeout: 180_000 });

  const rows = page.getByTestId('backend-timings').locator('tbody tr');
  const timings = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const [name, rate] = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '');
      return { name, rate: rate === '—' ? null : Number(rate.replace(/[^\d.]/g, '')) };
    }),
  );
  // Headless Chromium here has WebGL (SwiftShader), wasm and cpu.
  expect(timings.map((t) => t.name).sort()).toEqual(['cpu', 'wasm', 'webgl']);
  const measured = timings.filter((t) => t.rate !== null);
  expect(measured.length).toBeGreaterThan(0);
  const fastest = measured.reduce((a, b) => (b.rate! > a.rate! ? b : a));
  await expect(choice).toContainText(`Training on ${fastest.name}: fastest here`);
  await expect(page.getByTestId('backend')).toContainText(fastest.name);
  await page.getByTestId('backend-panel').screenshot({ path: `${SHOTS}/calibration.png` });

  // A reload uses the remembered result instead of timing again.
  await page.reload();
  await expect(choice).toContainText(`Training on ${fastest.name}: fastest here`, { timeout: 60_000 });
  await expect(page.getByTestId('backend-panel')).toContainText('Remembered from');

  // Choosing by hand switches the engine now and is remembered too.
  const other = timings.find((t) => t.name !== fastest.name && t.rate !== null)!.name;
  await page.getByTestId('backend-select').selectOption(other);
  await expect(page.getByTestId('backend')).toContainText(other);
  await expect(choice).toContainText(`Training on ${other}, chosen by hand`);
  await page.reload();
  await expect(page.getByTestId('backend')).toContainText(other, { timeout: 60_000 });
  await expect(choice).toContainText(`Training on ${other}, chosen by hand`);
});

test('a run started during calibration does not wait for it: calibration stops at once', async ({ app: page }) => {
  await openApp(page, '?lang=en');
  await expect(page.getByTestId('backend-panel')).toContainText('Timing', { timeout: 60_000 });
  await page.getByTestId('subset-train').fill('500');
  await page.getByTestId('epochs').fill('1');
  const clicked = Date.now();
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('progress')).toBeVisible({ timeout: 60_000 });
  const waitedMs = Date.now() - clicked;
  await expect(page.getByTestId('calibration-skipped')).toContainText('Not timed');
  console.log(`first run during calibration: first batch after ${waitedMs} ms; ${await page.getByTestId('calibration-skipped').textContent()}`);
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });
});
