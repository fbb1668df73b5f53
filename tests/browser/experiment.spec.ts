import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { encodeHash } from '../../src/experiment/urlCodec';
import { defaultExperiment } from '../../src/experiment/spec';
import { expect, openApp, setSubsets, SHOTS, test, type Page } from './fixtures';

// The experiment survives a reload, travels as a link (same settings, same first-batch loss in a fresh
// browser), and a damaged link says so and leaves the default on screen. Pinned to wasm: no calibration.

async function fieldValues(page: Page): Promise<Record<string, string>> {
  const ids = ['subset-train', 'subset-validation', 'subset-test', 'seed', 'hyper-learningRate', 'hyper-momentum', 'batch-size', 'epochs', 'reg-l2'];
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = (await page.getByTestId(id).count()) > 0 ? await page.getByTestId(id).inputValue() : '(none)';
  for (const id of ['dataset-select', 'optimizer-select', 'schedule-select', 'chart-x']) out[id] = await page.getByTestId(id).inputValue();
  out.restoreBest = String(await page.getByTestId('restore-best').isChecked());
  out.logLoss = String(await page.getByTestId('chart-log').isChecked());
  out.augmentation = String(await page.getByTestId('augment-enabled').isChecked());
  out.layers = (await page.getByTestId('layer-row').allInnerTexts()).join(' | ');
  out.filters = await page.getByTestId('layer-row').nth(0).getByTestId('field-filters').inputValue();
  return out;
}

test('edits to the model and the settings are all back after a reload', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('dataset-select').selectOption('fashion-mnist');
  await expect(page.getByTestId('dataset-status')).toContainText('60,000 training', { timeout: 60_000 });
  await page.getByTestId('preset-select').selectOption('lenet5');
  await page.getByTestId('layer-row').nth(0).getByTestId('field-filters').fill('12');
  await page.getByTestId('add-dropout').click();
  await setSubsets(page, 600, 100, 200);
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('optimizer-select').selectOption('momentum');
  await page.getByTestId('hyper-learningRate').fill('0.02');
  await page.getByTestId('hyper-momentum').fill('0.8');
  await page.getByTestId('batch-size').fill('64');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('schedule-select').selectOption('step');
  await page.getByTestId('reg-l2').fill('0.001');
  await page.getByTestId('restore-best').uncheck();
  await page.getByTestId('chart-x').selectOption('images');
  await page.getByTestId('chart-log').check();
  await page.getByTestId('augment-enabled').check();
  await expect(page.getByTestId('layer-row')).toHaveCount(9);
  const before = await fieldValues(page);
  expect(before.filters).toBe('12');
  expect(before.augmentation).toBe('true');

  await page.reload(); // at once: the save on leaving the page covers the last edits
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('dataset-status')).toContainText('60,000 training');
  expect(await fieldValues(page)).toEqual(before);
  // The user's own saved copy loads silently.
  await expect(page.getByTestId('experiment-notice')).toHaveCount(0);

  // Exported as a file and imported back through the same gate; a file that is no experiment changes nothing.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-experiment').click()]);
  const file = readFileSync((await download.path())!);
  expect(JSON.parse(file.toString('utf8')).training.epochs).toBe(3);
  await page.getByTestId('epochs').fill('9');
  await page.getByTestId('optimizer-select').selectOption('adam');
  await page.getByTestId('import-experiment-file').setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: file });
  await expect(page.getByTestId('experiment-loaded')).toHaveText('The experiment from lesson.json was loaded.');
  expect(await fieldValues(page)).toEqual(before);
  await page.getByTestId('import-experiment-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "training": ') });
  await expect(page.getByTestId('experiment-not-loaded')).toHaveText('Nothing could be loaded from notes.json: your experiment is unchanged.');
  await expect(page.getByTestId('experiment-problem')).toContainText('the file is not valid JSON');
  expect(await fieldValues(page)).toEqual(before);
});

/** Opens a link the app made (absolute), the way a student pastes it, and waits for the app. */
async function openLink(page: Page, link: string): Promise<void> {
  // The receiver's own backend choice, as they would add it; the link itself carries none.
  await page.goto(link.replace('#', '?backend=wasm#'));
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
}

async function firstBatchLoss(page: Page): Promise<string> {
  await page.getByTestId('startTraining').click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 120_000 });
  // The table fills the row from the run's batch metrics, which may land just after the status.
  await expect(page.getByTestId('first-batch-loss').first()).toHaveText(/^\d+\.\d{5}$/);
  const loss = await page.getByTestId('first-batch-loss').first().textContent();
  expect(Number(loss)).toBeGreaterThan(1); // about ln 10 before any training
  return loss!;
}

async function freshPage(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

test('a share link opens the same experiment in a fresh browser, with the same first-batch loss', async ({ app: page, browser }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('preset-select').selectOption('lenet5');
  await page.getByTestId('layer-row').nth(2).getByTestId('field-filters').fill('10');
  await setSubsets(page, 256, 0, 64);
  await page.getByTestId('seed').fill('11');
  await page.getByTestId('optimizer-select').selectOption('sgd');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('batch-size').fill('16');
  const sent = await fieldValues(page);

  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(link).toMatch(/#experiment=[A-Za-z0-9+\-$]+$/);
  await expect(page.getByTestId('share-qr')).toBeVisible();
  const loss = await firstBatchLoss(page);

  const other = await freshPage(browser);
  try {
    await openLink(other.page, link);
    await expect(other.page.getByTestId('experiment-loaded')).toHaveText('The shared experiment from the link was loaded.');
    await expect(other.page.getByTestId('experiment-problem')).toHaveCount(0);
    expect(await fieldValues(other.page)).toEqual(sent);
    // Taken out of the address, so a reload brings back the student's own edits from then on.
    expect(new URL(other.page.url()).hash).toBe('');
    expect(await firstBatchLoss(other.page)).toBe(loss);
    expect(other.errors).toEqual([]);
  } finally {
    await other.close();
  }
  console.log(`share link: ${link.length} characters; first-batch loss ${loss} in both browsers`);
});

test('a damaged link says so and loads the default experiment; a bad field costs only that field', async ({ app: page }) => {
  const shared = defaultExperiment();
  shared.training.epochs = 4;
  shared.training.batchSize = 0; // out of range: falls back alone
  const hash = encodeHash(shared);
  await openApp(page, `?backend=wasm#${hash.slice(0, Math.floor(hash.length * 0.6))}`);
  await expect(page.getByTestId('experiment-problem')).toHaveText(['the link is damaged (cut short or changed while copying?), so nothing could be read from it']);
  await expect(page.getByTestId('experiment-not-loaded')).toContainText('Nothing could be loaded from the link');
  await expect(page.getByTestId('experiment-loaded')).toHaveCount(0);
  await expect(page.getByTestId('layer-row')).toHaveCount(8);
  await expect(page.getByTestId('optimizer-select')).toHaveValue('adam');
  await expect(page.getByTestId('epochs')).toHaveValue('2');
  await page.screenshot({ path: `${SHOTS}/experiment-damaged-link.png` });

  // The whole link pasted into the open tab: only the fragment changes, nothing reloads.
  await page.evaluate((h) => (location.hash = h), hash);
  await expect(page.getByTestId('experiment-loaded')).toBeVisible();
  await expect(page.getByTestId('experiment-problem')).toHaveText(['the batch size must be a whole number from 1 to 4,096 — 32 is used']);
  await expect(page.getByTestId('epochs')).toHaveValue('4');
  await expect(page.getByTestId('batch-size')).toHaveValue('32');
  // The same message in Chinese, from the same problem data.
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('experiment-loaded')).toHaveText('已载入链接中分享的实验。');
  await expect(page.getByTestId('experiment-problem')).toHaveText(['批大小必须是 1 到 4,096 之间的整数——改用 32']);
  await page.getByTestId('experiment-notice').screenshot({ path: `${SHOTS}/experiment-notice-zh.png` });
});

test('a link naming a dataset not prepared here keeps it and says how to prepare it', async ({ app: page }) => {
  await page.route('**/datasets/cifar10/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const shared = defaultExperiment();
  shared.dataset = 'cifar10';
  shared.training.epochs = 5;
  await page.goto(`/?backend=wasm#${encodeHash(shared)}`);
  await expect(page.getByTestId('dataset-missing')).toContainText('CIFAR-10 is not prepared on this machine', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-select')).toHaveValue('cifar10');
  await expect(page.getByTestId('epochs')).toHaveValue('5');
  await expect(page.getByTestId('startTraining')).toBeDisabled();
});

test('a teacher link hides and locks the chosen controls; the panel in English and Chinese', async ({ app: page }) => {
  await openApp(page, '?backend=wasm');
  await page.getByTestId('teacher-link').locator('summary').click();
  await page.getByTestId('teacher-hide-optimizer').check();
  await page.getByTestId('teacher-lock-model').check();
  await page.getByTestId('teacher-lock-epochs').check();
  await page.getByTestId('makeTeacherLink').click();
  const link = await page.getByTestId('teacher-url').inputValue();
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-qr')).toBeVisible();
  await page.getByTestId('experiment-panel').screenshot({ path: `${SHOTS}/experiment-panel-en.png` });

  await openLink(page, link);
  await expect(page.getByTestId('classroom-active')).toContainText('the teacher hid Optimizer and locked Model (layers), Epochs');
  await expect(page.getByTestId('optimizer-select')).toHaveCount(0);
  await expect(page.getByTestId('epochs')).toBeDisabled();
  await expect(page.getByTestId('batch-size')).toBeEnabled();
  await expect(page.getByTestId('layer-row').nth(0).getByTestId('field-filters')).toBeDisabled();
  await expect(page.getByTestId('add-dense')).toBeDisabled();
  // Kept over a reload: the classroom is part of the saved experiment.
  await page.reload();
  await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('optimizer-select')).toHaveCount(0);
  await expect(page.getByTestId('epochs')).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/experiment-classroom.png`, fullPage: true });

  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('share-link').click();
  await page.getByTestId('teacher-link').locator('summary').click();
  await expect(page.getByTestId('classroom-active')).toContainText('老师隐藏了优化器');
  await page.getByTestId('experiment-panel').screenshot({ path: `${SHOTS}/experiment-panel-zh.png` });

  await page.getByTestId('leaveClassroom').click();
  await expect(page.getByTestId('optimizer-select')).toBeVisible();
  await expect(page.getByTestId('epochs')).toBeEnabled();
});
