// Issue 13's note asks for "the comparison table you saw": every classic preset trained in the app on
// CIFAR-10, then the architecture table (`architecture-table`) in English and Chinese. Evidence for a person
// to look at, not a test (minutes of training). The full 10,000-image figures come from
// tests/bench/architectures.ts; this walks the same presets through the real UI on a smaller subset.
//
//   npx tsc -b && npx vite build
//   npx tsx tests/walkthrough/architectureTable.ts [out-dir] [--dataset=cifar10|mnist] [--images=2000] [--epochs=1] [--port=4182]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../../src/engine/spec/presets';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const OUT = args.find((a) => !a.startsWith('--')) ?? '/tmp/architectures';
const DATASET = flag('dataset') ?? 'cifar10';
const IMAGES = Number(flag('images') ?? 2000);
const EPOCHS = Number(flag('epochs') ?? 1);
const PORT = Number(flag('port') ?? 4182);
mkdirSync(OUT, { recursive: true });

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (i > 100) throw new Error(`vite preview did not answer on ${base}`);
  }
  await new Promise((r) => setTimeout(r, 300));
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${base}/?backend=wasm`);
  await page.getByTestId('dataset-select').selectOption(DATASET);
  await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
  for (const { id } of PRESETS) {
    await page.getByTestId('preset-select').selectOption(id);
    await page.getByTestId('subset-train').fill(String(IMAGES));
    // CIFAR-10 here has 10,000 training images: the validation images come out of the same split.
    await page.getByTestId('subset-validation').fill(String(Math.max(0, Math.min(500, (DATASET === 'cifar10' ? 10_000 : 60_000) - IMAGES))));
    await page.getByTestId('subset-test').fill('2000');
    await page.getByTestId('epochs').fill(String(EPOCHS));
    const started = Date.now();
    await page.getByTestId('startTraining').click();
    await page.getByTestId('run-status').filter({ hasText: /Finished|Failed|Stopped/ }).waitFor({ timeout: 15 * 60_000 });
    const status = await page.getByTestId('run-status').textContent();
    console.log(`${id}: ${status}, ${((Date.now() - started) / 1000).toFixed(0)} s from Train to the end`);
  }
  const table = page.getByTestId('architecture-table');
  console.log((await table.innerText()).replace(/\t/g, ' | '));
  await table.screenshot({ path: join(OUT, `architecture-table-${DATASET}-en.png`) });
  await page.getByTestId('language').selectOption('zh');
  await table.screenshot({ path: join(OUT, `architecture-table-${DATASET}-zh.png`) });
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  server.kill();
}
