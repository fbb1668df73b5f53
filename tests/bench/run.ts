// npm run bench [-- options]
//
// Builds the app and the bench page, serves them on 127.0.0.1 cross-origin isolated, drives headless
// Chromium and measures, for LeNet-5 on MNIST, the app's training path against a model.fit baseline on
// each backend and batch size; then a soak (epochs on a small subset: tensors and worker heap per epoch)
// and a training run in the real app UI (main-thread long tasks with live charts). Prints a table and
// writes JSON. Figures only: nothing here passes or fails except a run that cannot be made.
//
//   --backends webgl,wasm,cpu,webgpu   which to measure (default all; those missing here are reported)
//                                      (webgpu, where this Chromium has no adapter: a second one with SwiftShader's, batch 64)
//   --batches 32,64,256                batch sizes
//   --images 4096                      most images per measurement …
//   --seconds 4                        … or this much training time, whichever comes first
//   --repeats 2                        measurements per path and cell; the best counts (shared machines)
//   --full                             also the cpu backend above batch 64 (seconds per step)
//   --paths app,appAug,fit,fitApp      which paths (default all): appAug is the app's path with MNIST's
//                                      default augmentation turned on, against app for its cost
//   --soak-epochs 20 --soak-images 512 --soak-backend NAME (default: the fastest measured)
//   --skip-build --skip-soak --skip-ui --out tests/output/bench.json
//   --skip-profile                     no per-kernel breakdown of a wasm step
//   --skip-pytorch                     no PyTorch reference (it runs when python3 can import torch)
//   --long-ui                          also 10 epochs of 55,000 MNIST images in the app UI, views open (long tasks)
//   --profile-ui                       profile the UI runs' main thread: what ran in each long task (self time)
//   --skip-vgg                         no mini-VGG on CIFAR-10 (32×32×3) per backend at batch 64
//   --skip-threads                     no thread scaling (the app on wasm at batch 64 with 1, 2 and all but
//                                      one XNNPACK threads, each in a page of its own)

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { z } from 'zod';
import { getPreset } from '../../src/engine/spec/presets';
import type { TrainingConfig } from '../../src/engine/train/config';
import { defaultAugmentation, NO_AUGMENTATION } from '../../src/engine/augment/spec';
import { CHROMIUM_ARGS, CHROMIUM_PATH, WEBGPU_ARGS } from '../browser/chromium';
import type { BenchPage, BenchPath, Measurement } from './bench';
import { workerHeapProbe, type Heap } from './heap';
import { serveStatic } from './serve';
import { BENCH_OUT } from './vite.config';
import { formatTable, summarise, type Cell } from './report';
import { startTaskProfile, stopTaskProfile } from './taskProfile';
import { findTorchPython, HOW_TO_GET_TORCH, pytorchReference, type PyTorchResult } from './pytorch';
import { wasmThreadsFor } from '../../src/engine/backend';
import type { GpuCounts } from './gpuCounts';

type StepCounts = { backend: string; batch: number; steps: number; app: GpuCounts; fit: GpuCounts };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALL_BACKENDS = ['webgl', 'wasm', 'cpu', 'webgpu'];
const ALL_PATHS = ['app', 'appAug', 'fit', 'fitApp'] as const satisfies readonly BenchPath[];
/** What a student gets by ticking "Augment training images" on MNIST: the dataset's default settings. */
const DEFAULT_AUGMENTATION_ON = { ...defaultAugmentation('mnist'), enabled: true };
// tfjs's cpu backend needs seconds per LeNet-5 step at large batches; measured only with --full.
const SLOW_CPU_MAX_BATCH = 64;

const list = (what: string) =>
  z.string().transform((s, ctx) => {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (items.length === 0) ctx.addIssue({ code: 'custom', message: `${what}: give a comma-separated list` });
    return items;
  });
const count = (what: string, min: number, max: number) =>
  z.coerce.number({ error: `${what} must be a number` }).int({ error: `${what} must be a whole number` }).min(min, { error: `${what} must be at least ${min}` }).max(max, { error: `${what} must be at most ${max}` });

const optionsSchema = z.object({
  backends: list('--backends').pipe(z.array(z.enum(ALL_BACKENDS as [string, ...string[]], { error: `--backends: each one of ${ALL_BACKENDS.join(', ')}` }))).default(ALL_BACKENDS),
  batches: list('--batches')
    .transform((xs) => xs.map(Number))
    .pipe(z.array(z.number().int({ error: '--batches: whole numbers' }).min(1, { error: '--batches: at least 1' }).max(4096, { error: '--batches: at most 4096' })))
    .default([32, 64, 256]),
  images: count('--images', 64, 59_000).default(4096),
  seconds: z.coerce.number({ error: '--seconds must be a number' }).positive({ error: '--seconds must be above 0' }).default(4),
  repeats: count('--repeats', 1, 10).default(2),
  'soak-epochs': count('--soak-epochs', 1, 500).default(20),
  'soak-images': count('--soak-images', 10, 59_000).default(512),
  'soak-backend': z.string().optional(),
  'skip-build': z.boolean().default(false),
  'skip-soak': z.boolean().default(false),
  'skip-ui': z.boolean().default(false),
  'long-ui': z.boolean().default(false),
  'profile-ui': z.boolean().default(false),
  'skip-pytorch': z.boolean().default(false),
  'skip-profile': z.boolean().default(false),
  'skip-vgg': z.boolean().default(false),
  'skip-threads': z.boolean().default(false),
  full: z.boolean().default(false),
  paths: list('--paths').pipe(z.array(z.enum(ALL_PATHS, { error: `--paths: each one of ${ALL_PATHS.join(', ')}` }))).default([...ALL_PATHS]),
  out: z.string().default('tests/output/bench.json'),
});

function parseOptions() {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string' },
      batches: { type: 'string' },
      images: { type: 'string' },
      seconds: { type: 'string' },
      repeats: { type: 'string' },
      'soak-epochs': { type: 'string' },
      'soak-images': { type: 'string' },
      'soak-backend': { type: 'string' },
      'skip-build': { type: 'boolean' },
      'skip-soak': { type: 'boolean' },
      'skip-ui': { type: 'boolean' },
      'long-ui': { type: 'boolean' },
      'profile-ui': { type: 'boolean' },
      'skip-pytorch': { type: 'boolean' },
      'skip-profile': { type: 'boolean' },
      'skip-vgg': { type: 'boolean' },
      'skip-threads': { type: 'boolean' },
      full: { type: 'boolean' },
      paths: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`bench: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    process.exit(2);
  }
  return parsed.data;
}

const spec = getPreset('lenet5').build([28, 28, 1], 10);
/** Issue 13/15: a deeper model on colour images, mini-VGG on CIFAR-10's 32×32×3. */
const vggSpec = getPreset('vgg-mini').build([32, 32, 3], 10);
const VGG_BATCH = 64;
const config = (batchSize: number, train: number, epochs = 1, augmentation = NO_AUGMENTATION): TrainingConfig => ({
  optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  schedule: { type: 'constant', warmupEpochs: 0 },
  loss: 'crossEntropy',
  init: 'auto',
  batchSize,
  epochs,
  seed: 1,
  subsets: { train: Math.max(10, train), validation: 0, test: 1 },
  l1: 0,
  l2: 0,
  earlyStoppingPatience: 0,
  restoreBestWeights: true,
  augmentation,
});

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));

type Bench = (page: Page) => { [K in keyof BenchPage]: (...a: Parameters<BenchPage[K]>) => ReturnType<BenchPage[K]> };
const call: Bench = (page) =>
  new Proxy({} as ReturnType<Bench>, {
    get: (_t, name: string) => (...args: unknown[]) =>
      page.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n as string](...(a as unknown[])), [name, args] as const),
  });

/** The bench page in a new tab of `browser`, once its worker is ready. */
async function openBenchPage(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  await page.exposeFunction('__epochEnded', () => epochEnded?.());
  await page.goto(`${origin}/tests/bench/bench.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}

/**
 * The webgpu leg where the main browser has no adapter: Chromium again with SwiftShader's WebGPU. Software,
 * and every new shape compiles its shaders for tens of seconds, so this leg measures batch 64 only, the app
 * against model.fit, once each: what it shows is the code path's overheads, not a GPU's speed.
 */
async function webgpuThroughSwiftShader(origin: string, o: z.infer<typeof optionsSchema>): Promise<{ cells: Cell[] | null; counts?: StepCounts | null; reason: string }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...WEBGPU_ARGS] });
  try {
    const page = await openBenchPage(browser, origin);
    const bench = call(page);
    if (!(await bench.prepare()).includes('webgpu')) {
      log('  webgpu: not available in this browser, not even through SwiftShader');
      return { cells: null, reason: 'not available, not even through SwiftShader' };
    }
    log(`${await bench.useBackend('webgpu')} (SwiftShader, software; batch 64, app and model.fit):`);
    const paths = o.paths.filter((p): p is BenchPath => p === 'app' || p === 'fit');
    const cells = await measureBackend(page, 'webgpu', [64], { ...o, paths, repeats: 1 });
    const counts = await stepCountsLeg(page, 'webgpu', 3, 2, 16);
    return { cells, counts, reason: '' };
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    log(`  webgpu: could not start through SwiftShader: ${reason}`);
    return { cells: null, reason };
  } finally {
    await browser.close();
  }
}

/**
 * How the app on wasm scales with XNNPACK's threads: 1, 2 and all but one (the app's choice), at batch 64.
 * tfjs reads the thread count once, as the backend starts, so each count gets a page (and worker) of its own.
 */
async function threadScaling(browser: Browser, origin: string, o: z.infer<typeof optionsSchema>) {
  const cores = os.cpus().length;
  const counts = [...new Set([1, 2, wasmThreadsFor(cores)])].filter((n) => n <= cores).sort((a, b) => a - b);
  const python = o['skip-pytorch'] ? null : findTorchPython();
  const out: { threads: number; backend: string; imagesPerSec: number | null; pytorchImagesPerSec: number | null; error: string | null }[] = [];
  for (const threads of counts) {
    const page = await openBenchPage(browser, origin);
    try {
      const bench = call(page);
      await bench.setThreads(threads);
      await bench.prepare();
      const backend = await bench.useBackend('wasm');
      const [cell] = await measureBackend(page, 'wasm', [64], { ...o, paths: ['app'] });
      if (cell.error) throw new Error(cell.error);
      const best = Math.max(...cell.runs.map((m) => m.imagesPerSec));
      // PyTorch with the same threads, right after: the ratio at each count, not only at the app's own.
      let torch: number | null = null;
      if (python) {
        try {
          torch = pytorchReference(python, { spec, classes: 10, batches: [64], threads, images: o.images, seconds: o.seconds, repeats: o.repeats, learningRate: 0.001 }).cells[0]?.imagesPerSec ?? null;
        } catch {
          torch = null;
        }
      }
      out.push({ threads, backend, imagesPerSec: best, pytorchImagesPerSec: torch, error: null });
      log(`  ${threads} thread${threads === 1 ? '' : 's'} (${backend}): ${fmt(best)} images/s; PyTorch ${fmt(torch)}`);
    } catch (e) {
      const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
      out.push({ threads, backend: 'wasm', imagesPerSec: null, pytorchImagesPerSec: null, error });
      log(`  ${threads} threads: failed: ${error}`);
    } finally {
      await page.close();
    }
  }
  return out;
}

/**
 * Per step on a GPU backend, the app against model.fit: kernels, shader programs, uploads and reads
 * (gpuCounts.ts). These counts do not depend on the batch size, except where a step is slow enough for
 * the app to take it in parts (stepParts.ts: over 1.5 s, as SwiftShader's WebGPU takes at batch 64), which
 * a GPU never is: there the leg counts at a smaller batch.
 */
const countsText = (c: GpuCounts) =>
  `${fmt(c.kernels, 1)} kernels, ${fmt(c.programs, 1)} shader programs, ${fmt(c.uploads, 1)} uploads (${fmt(c.uploadBytes / 1024, 1)} KB), ${fmt(c.reads + c.syncReads, 2)} reads (${fmt(c.syncReads, 2)} blocking)`;

async function stepCountsLeg(page: Page, backend: string, perEpoch: number, epochs: number, batch = 64) {
  const steps = perEpoch * epochs;
  try {
    const counts = await call(page).stepCounts(spec, config(batch, batch), perEpoch, epochs);
    log(`  ${backend} per step at batch ${batch} (over ${steps} steps): app ${countsText(counts.app)}; model.fit ${countsText(counts.fit)}`);
    const from = (c: GpuCounts) => Object.entries(c.uploadsBy).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} ${fmt(n, 1)}`).join(', ');
    log(`    uploads come from: app ${from(counts.app) || 'nothing'}; model.fit ${from(counts.fit) || 'nothing'}`);
    // The kernels one path runs more often than the other: where their counts differ.
    const names = [...new Set([...Object.keys(counts.app.kernelsBy), ...Object.keys(counts.fit.kernelsBy)])];
    const diff = names.map((n) => [n, (counts.app.kernelsBy[n] ?? 0) - (counts.fit.kernelsBy[n] ?? 0)] as const).filter(([, d]) => Math.abs(d) >= 0.5).sort((a, b) => b[1] - a[1]);
    log(`    kernels the app runs more (+) or fewer (−) times a step than model.fit: ${diff.map(([n, d]) => `${n} ${d > 0 ? '+' : '−'}${fmt(Math.abs(d), 1)}`).join(', ') || 'none'}`);
    return { backend, batch, steps, ...counts };
  } catch (e) {
    log(`  ${backend} step counts failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return null;
  }
}

async function measureBackend(page: Page, backend: string, batches: number[], o: z.infer<typeof optionsSchema>): Promise<Cell[]> {
  const bench = call(page);
  const cells: Cell[] = [];
  for (const batch of batches) {
    if (backend === 'cpu' && batch > SLOW_CPU_MAX_BATCH && !o.full) {
      log(`  cpu    batch ${String(batch).padStart(4)}: skipped (several seconds a step on tfjs's cpu backend; --full measures it)`);
      continue;
    }
    const cell: Cell = { backend, batch, runs: [], warmups: [], error: null };
    cells.push(cell);
    try {
      // On wasm the app has kernels of its own: model.fit runs once on tfjs's kernels and once on the app's.
      const paths = o.paths.filter((p) => p !== 'fitApp' || backend === 'wasm');
      const augmentation = (p: BenchPath) => (p === 'appAug' ? DEFAULT_AUGMENTATION_ON : NO_AUGMENTATION);
      // Warm-up, one step: compiles kernels (shaders on WebGL) for this batch shape; its first batch is the cold latency.
      for (const p of paths) cell.warmups.push(await bench.measure(p, spec, config(batch, batch, 1, augmentation(p)), 1e9));
      for (let r = 0; r < o.repeats; r++) {
        // app, fit, …, fit, app: a load that drifts during the cell weighs on every path alike.
        for (const p of r % 2 === 0 ? paths : [...paths].reverse()) {
          const m: Measurement = await bench.measure(p, spec, config(batch, Math.max(o.images, 2 * batch), 1, augmentation(p)), o.seconds * 1000);
          cell.runs.push(m);
          log(`  ${backend.padEnd(6)} batch ${String(batch).padStart(4)} ${p.padEnd(6)}: ${fmt(m.imagesPerSec).padStart(6)} images/s over ${m.images} images, first batch ${fmt(m.firstBatchMs)} ms, longest task ${fmt(m.longestTaskMs)} ms, tensors ${m.before.numTensors}→${m.after.numTensors}`);
        }
      }
    } catch (e) {
      cell.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
      log(`  ${backend} batch ${batch}: failed: ${cell.error}`);
    }
  }
  return cells;
}

async function soak(page: Page, heap: () => Promise<Heap>, backend: string, o: z.infer<typeof optionsSchema>) {
  const bench = call(page);
  await bench.useBackend(backend);
  const heaps: Promise<Heap | null>[] = [];
  epochEnded = () => heaps.push(heap().catch(() => null));
  const heapBefore = await heap();
  let m: Measurement;
  try {
    m = await bench.measure('app', spec, config(32, o['soak-images'], o['soak-epochs']), 1e9);
  } finally {
    epochEnded = null;
  }
  const perEpoch = await Promise.all(heaps);
  const heapAfter = await heap();
  const tensors = m.epochs.map((e) => e.numTensors);
  return {
    backend,
    images: o['soak-images'],
    epochs: m.epochs.map((e, i) => ({ epoch: i + 1, numTensors: e.numTensors, heap: perEpoch[i] ?? null })),
    tensorsBefore: m.before.numTensors,
    tensorsAfter: m.after.numTensors,
    tensorGrowthOverEpochs: tensors.length ? tensors[tensors.length - 1] - tensors[0] : null,
    heapBefore,
    heapAfter,
    imagesPerSec: m.imagesPerSec,
    longestTaskMs: m.longestTaskMs,
  };
}

/** Trains in the real app page (React, live charts) and records this page's long tasks meanwhile. */
const UI_IMAGES = 8192;

/**
 * `views`: with the views inside the network open (feature maps and filters following the weights a few
 * times a second), to measure what watching costs the training.
 */
async function uiRun(browser: Browser, origin: string, backend: string, views = false, images = UI_IMAGES, epochs = 2, profileTasks = false) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const start = performance.now();
  const timeoutMs = Math.max(300_000, images * epochs * 5); // at least 200 images/s
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${origin}/index.html?backend=${backend}&lang=en`);
    await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
    await page.getByTestId('subset-train').fill(String(images));
    await page.getByTestId('subset-validation').fill('512');
    await page.getByTestId('subset-test').fill('512');
    await page.getByTestId('batch-size').fill('64');
    await page.getByTestId('epochs').fill(String(epochs));
    const profiler = profileTasks ? await startTaskProfile(page) : null;
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('startTraining').click();
    if (views) {
      await page.getByTestId('look-inside').click({ timeout: 120_000 });
      await page.getByTestId('feature-maps').waitFor({ timeout: 120_000 });
      // On screen, as a student watching them would have them (off screen they do not refresh).
      await page.getByTestId('feature-maps').scrollIntoViewIfNeeded();
    }
    // The app's own images/s (training time only), as last shown before the run ended.
    let imagesPerSec: number | null = null;
    while (!(await page.getByTestId('test-accuracy').isVisible())) {
      const shown = await page.getByTestId('images-per-sec').textContent({ timeout: 1000 }).catch(() => null);
      const rate = shown ? Number(shown.replace(/[^0-9.]/g, '')) : NaN;
      if (Number.isFinite(rate) && rate > 0) imagesPerSec = rate;
      await page.waitForTimeout(250);
      if (performance.now() - start > timeoutMs) throw new Error(`the run did not end within ${Math.round(timeoutMs / 60_000)} minutes`);
    }
    const t1 = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate(
      ([a, b]) =>
        (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
          .filter((e) => e.start >= a && e.start <= b)
          .map((e) => ({ atMs: Math.round(e.start - a), durationMs: Math.round(e.duration) })),
      [t0, t1] as const,
    );
    const taskProfiles = profiler ? await stopTaskProfile(profiler, tasks.map((x) => ({ startMs: t0 + x.atMs, durationMs: x.durationMs }))) : null;
    const badge = await page.getByTestId('backend').innerText();
    const accuracy = await page.getByTestId('test-accuracy').innerText();
    await page.screenshot({ path: path.join(ROOT, `tests/output/bench-ui${views ? '-views' : ''}.png`) });
    return { backend, views, imagesPerSec, badge, trainingMs: t1 - t0, longTasks: tasks, longestTaskMs: tasks.reduce((m, d) => Math.max(m, d.durationMs), 0), testAccuracy: accuracy, taskProfiles, error: null as string | null };
  } catch (e) {
    return { backend, views, imagesPerSec: null, badge: null, trainingMs: null, longTasks: null, longestTaskMs: null, testAccuracy: null, taskProfiles: null, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  } finally {
    await page.close();
  }
}

/** Called (through the page) as each soak epoch ends. */
let epochEnded: (() => void) | null = null;

async function main() {
  const o = parseOptions();
  const started = Date.now();
  const loadBefore = os.loadavg();
  if (!o['skip-build']) {
    log('building the app and the bench page…');
    if (o['profile-ui']) process.env.BENCH_UNMINIFIED = '1';
    await build({ configFile: path.join(ROOT, 'tests/bench/vite.config.ts') });
  }
  const server = await serveStatic([path.join(ROOT, BENCH_OUT), path.join(ROOT, 'public')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  try {
    const page = await openBenchPage(browser, server.origin);
    const bench = call(page);
    const isolated = await bench.isolated();
    const available = await bench.prepare();
    log(`Chromium ${browser.version()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, cross-origin isolated: ${isolated}`);
    log(`backends available: ${available.join(', ')}; measuring: ${o.backends.join(', ')}; batches ${o.batches.join(', ')}; up to ${o.images} images or ${o.seconds} s per measurement, best of ${o.repeats}`);

    const cells: Cell[] = [];
    const skipped: { backend: string; reason: string }[] = [];
    const stepCounts: StepCounts[] = [];
    for (const backend of o.backends) {
      if (backend === 'webgpu' && !available.includes(backend)) {
        // Headless Chromium offers WebGPU only through SwiftShader, with flags that also change how it runs
        // WebGL: a browser of its own for this leg.
        const leg = await webgpuThroughSwiftShader(server.origin, o);
        if (leg.counts) stepCounts.push(leg.counts);
        if (leg.cells) cells.push(...leg.cells);
        else skipped.push({ backend, reason: leg.reason });
        continue;
      }
      if (!available.includes(backend)) {
        skipped.push({ backend, reason: 'not available in this browser' });
        log(`  ${backend}: not available in this browser`);
        continue;
      }
      try {
        const name = await bench.useBackend(backend);
        log(`${name}:`);
      } catch (e) {
        const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
        skipped.push({ backend, reason });
        log(`  ${backend}: could not start: ${reason}`);
        continue;
      }
      cells.push(...(await measureBackend(page, backend, o.batches, o)));
      if (backend === 'webgl' || backend === 'webgpu') {
        const counts = await stepCountsLeg(page, backend, 5, 2);
        if (counts) stepCounts.push(counts);
      }
    }

    const rows = cells.map(summarise);
    // mini-VGG on CIFAR-10 through the app's path, on each backend measured above.
    const vgg: { backend: string; imagesPerSec: number | null; images: number; error: string | null }[] = [];
    if (!o['skip-vgg']) {
      if (!(await bench.openDataset('cifar10'))) log('mini-VGG on CIFAR-10: skipped (CIFAR-10 is not prepared: npm run datasets -- --only cifar10)');
      else
        for (const backend of [...new Set(cells.map((c) => c.backend))].filter((b) => available.includes(b))) {
          if (backend === 'cpu' && !o.full) {
            log('  mini-VGG on CIFAR-10, cpu: skipped (seconds a step; --full measures it)');
            continue;
          }
          try {
            await bench.useBackend(backend);
            await bench.measure('app', vggSpec, config(VGG_BATCH, VGG_BATCH), 1e9, 'cifar10'); // warm-up: one step
            const m = await bench.measure('app', vggSpec, config(VGG_BATCH, Math.max(o.images, 2 * VGG_BATCH)), o.seconds * 1000, 'cifar10');
            vgg.push({ backend, imagesPerSec: m.imagesPerSec, images: m.images, error: null });
            log(`  mini-VGG on CIFAR-10, ${backend} batch ${VGG_BATCH}: ${fmt(m.imagesPerSec)} images/s over ${m.images} images`);
          } catch (e) {
            const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
            vgg.push({ backend, imagesPerSec: null, images: 0, error });
            log(`  mini-VGG on CIFAR-10, ${backend}: failed: ${error}`);
          }
        }
    }
    // PyTorch on the CPU with the threads the app's XNNPACK gets, right after the app's measurements.
    let pytorch: PyTorchResult | null = null;
    let pytorchProblem: string | null = null;
    if (!o['skip-pytorch']) {
      const python = findTorchPython();
      if (!python) pytorchProblem = HOW_TO_GET_TORCH;
      else {
        const threads = wasmThreadsFor(os.cpus().length);
        log(`PyTorch reference (${python}, ${threads} thread${threads === 1 ? '' : 's'}, the app's XNNPACK threads): batches ${o.batches.join(', ')}…`);
        try {
          pytorch = pytorchReference(python, { spec, classes: 10, batches: o.batches, threads, images: o.images, seconds: o.seconds, repeats: o.repeats, learningRate: 0.001 });
        } catch (e) {
          pytorchProblem = e instanceof Error ? e.message : String(e);
        }
      }
    }
    // The issue's second CPU goal: mini-VGG on wasm at least 0.5× PyTorch with the same threads.
    let pytorchVgg: PyTorchResult | null = null;
    const vggWasm = vgg.find((v) => v.backend === 'wasm' && v.imagesPerSec !== null);
    if (!o['skip-pytorch'] && vggWasm) {
      const python = findTorchPython();
      if (python) {
        try {
          pytorchVgg = pytorchReference(python, { spec: vggSpec, classes: 10, batches: [VGG_BATCH], threads: wasmThreadsFor(os.cpus().length), images: o.images, seconds: o.seconds, repeats: o.repeats, learningRate: 0.001 });
        } catch (e) {
          log(`PyTorch reference for mini-VGG failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    let threads: Awaited<ReturnType<typeof threadScaling>> | null = null;
    if (!o['skip-threads'] && rows.some((r) => r.backend === 'wasm')) {
      log(`thread scaling: the app on wasm at batch 64 with 1, 2 and all but one of ${os.cpus().length} cores as XNNPACK threads…`);
      threads = await threadScaling(browser, server.origin, o);
    }
    const fastest = rows.filter((r) => r.appImagesPerSec !== null).sort((a, b) => b.appImagesPerSec! - a.appImagesPerSec!)[0];
    const soakBackend = o['soak-backend'] ?? fastest?.backend ?? null;
    let soakResult = null;
    if (!o['skip-soak'] && soakBackend) {
      log(`soak: ${o['soak-epochs']} epochs of ${o['soak-images']} images on ${soakBackend}…`);
      soakResult = await soak(page, await workerHeapProbe(browser, 'bench.worker'), soakBackend, o);
    }
    // Where a wasm step's time goes, per kernel (README's performance section quotes it).
    let profile: Awaited<ReturnType<BenchPage['profileSteps']>> | null = null;
    if (!o['skip-profile'] && rows.some((r) => r.backend === 'wasm')) {
      log('profiling 30 steps of the app on wasm at batch 64…');
      await call(page).useBackend('wasm');
      profile = await call(page).profileSteps(spec, config(64, 64 * 40), 5, 30);
    }
    let stopSoak: { before: number; after: number; perRun: number[]; ms: number } | null = null;
    if (!o['skip-soak'] && soakBackend) {
      log(`stop/restart soak: 20 runs on ${soakBackend}, each stopped at its first metrics…`);
      stopSoak = await call(page).stopRestart(spec, config(32, o['soak-images'], 3), 20);
    }
    let ui = null;
    let uiViews = null;
    if (!o['skip-ui'] && fastest) {
      log(`app UI: ${UI_IMAGES} images × 2 epochs at batch 64 on ${fastest.backend}, live charts…`);
      ui = await uiRun(browser, server.origin, fastest.backend, false, UI_IMAGES, 2, o['profile-ui']);
      log(`app UI again with the views inside the network open, following the weights…`);
      uiViews = await uiRun(browser, server.origin, fastest.backend, true, UI_IMAGES, 2, o['profile-ui']);
    }
    let uiLong = null;
    if (o['long-ui'] && fastest) {
      log(`long run in the app UI: 55,000 images × 10 epochs at batch 64 on ${fastest.backend}, charts and the views inside open (minutes)…`);
      uiLong = await uiRun(browser, server.origin, fastest.backend, true, 55_000, 10, o['profile-ui']);
    }
    const loadAfter = os.loadavg();

    log('');
    log(formatTable(rows));
    if (profile) {
      const perStep = (ms: number) => fmt(ms / profile!.steps, 2);
      log(`wasm step at batch 64, profiled over ${profile.steps} steps: ${perStep(profile.wallMs)} ms a step, of which kernels ${perStep(profile.kernelMs)} ms (${fmt((profile.kernelMs / profile.wallMs) * 100)} %); ${fmt(profile.kernels.reduce((a, k) => a + k.calls, 0) / profile.steps)} kernel calls a step`);
      for (const k of profile.kernels.slice(0, 14)) log(`  ${k.name.padEnd(26)} ${perStep(k.ms).padStart(7)} ms/step  ${fmt(k.calls / profile.steps, 1).padStart(6)} calls/step  ${fmt((k.ms / profile.kernelMs) * 100).padStart(3)} %`);
    }
    if (pytorch) {
      const wasmRate = (batch: number) => rows.find((r) => r.backend === 'wasm' && r.batch === batch)?.appImagesPerSec ?? null;
      log(
        `PyTorch ${pytorch.torch} on the CPU, ${pytorch.threads} thread(s): ` +
          pytorch.cells.map((c) => `batch ${c.batch} ${fmt(c.imagesPerSec)} images/s (app on wasm ${fmt(wasmRate(c.batch))}, ${fmt(wasmRate(c.batch) !== null ? wasmRate(c.batch)! / c.imagesPerSec : null, 2)}×)`).join('; '),
      );
    } else if (pytorchProblem) log(pytorchProblem);
    if (vgg.length) log(`mini-VGG (${vggSpec.layers.length} layers) on CIFAR-10 at batch ${VGG_BATCH}: ${vgg.map((v) => `${v.backend} ${v.error ? `failed (${v.error})` : `${fmt(v.imagesPerSec)} images/s`}`).join('; ')}`);
    if (pytorchVgg && vggWasm) {
      const torchRate = pytorchVgg.cells[0]?.imagesPerSec ?? null;
      log(`  PyTorch ${pytorchVgg.torch}, ${pytorchVgg.threads} thread(s): mini-VGG ${fmt(torchRate)} images/s; app on wasm ${fmt(vggWasm.imagesPerSec)}, ${fmt(torchRate ? vggWasm.imagesPerSec! / torchRate : null, 2)}× (goal ≥ 0.5×)`);
    }
    if (threads?.length) {
      const one = threads.find((t) => t.threads === 1)?.imagesPerSec ?? null;
      log(
        `thread scaling on ${os.cpus().length} cores (app on wasm, batch 64): ` +
          threads.map((t) => `${t.threads} thread${t.threads === 1 ? '' : 's'} ${t.error ? `failed (${t.error})` : `${fmt(t.imagesPerSec)} images/s (${fmt(one && t.imagesPerSec ? t.imagesPerSec / one : null, 2)}× one thread${t.pytorchImagesPerSec ? `; PyTorch ${fmt(t.pytorchImagesPerSec)}, app ${fmt(t.imagesPerSec! / t.pytorchImagesPerSec, 2)}×` : ''})`}`).join('; '),
      );
    }
    for (const c of stepCounts) log(`${c.backend} per step at batch ${c.batch}: app ${countsText(c.app)}; model.fit ${countsText(c.fit)}`);
    if (skipped.length) log(`not measured: ${skipped.map((s) => `${s.backend} (${s.reason})`).join(', ')}`);
    if (soakResult) {
      log(`soak on ${soakResult.backend}: tensors per epoch ${soakResult.epochs.map((e) => e.numTensors).join(' ')}; before/after ${soakResult.tensorsBefore}/${soakResult.tensorsAfter}`);
      const mb = (b: number | null | undefined) => fmt(b === null || b === undefined ? null : b / 1e6, 2);
      log(`  worker JS heap after GC per epoch (MB): ${soakResult.epochs.map((e) => mb(e.heap?.usedBytes)).join(' ')}`);
      log(`  worker JS heap before/after the soak (MB): ${mb(soakResult.heapBefore.usedBytes)} → ${mb(soakResult.heapAfter.usedBytes)}; backing stores ${mb(soakResult.heapBefore.backingBytes)} → ${mb(soakResult.heapAfter.backingBytes)}`);
    }
    if (stopSoak) log(`stop/restart ×20 on ${soakBackend}: tensors before/after ${stopSoak.before}/${stopSoak.after}, after each run ${stopSoak.perRun.join(' ')} (${fmt(stopSoak.ms / 1000, 1)} s)`);
    for (const u of [ui, uiViews, uiLong]) {
      if (!u) continue;
      const which = u === uiLong ? 'long run (55,000 × 10), views open' : u.views ? 'views open' : 'views closed';
      log(
        u.error
          ? `app UI run (${which}) failed: ${u.error}`
          : `app UI on ${u.backend}, ${which}: ${fmt(u.imagesPerSec)} images/s; ${u.longTasks?.length} long tasks, longest ${fmt(u.longestTaskMs)} ms, from Start to the test result shown (${fmt(u.trainingMs)} ms; test accuracy ${(u.testAccuracy ?? '').replace(/\s+/g, ' ')}); ms after Start:duration ${(u.longTasks ?? []).map((t) => `${t.atMs}:${t.durationMs}`).join(' ')}`,
      );
      for (const p of u.taskProfiles ?? []) {
        log(`  long task at ${fmt(p.startMs)} ms (${p.durationMs} ms, ${p.sampledMs} ms sampled), self time: ${p.functions.map((f) => `${f.name} ${f.ms} ms`).join('; ')}`);
        if (p.components.length > 0) log(`    in components (with what they call): ${p.components.map((c) => `${c.name} ${c.ms} ms`).join('; ')}`);
      }
    }
    if (ui?.imagesPerSec && uiViews?.imagesPerSec) log(`views open / closed: ${fmt(uiViews.imagesPerSec / ui.imagesPerSec, 2)}× the images/s (goal ≥ 0.90)`);

    const at64 = rows.filter((r) => r.batch === 64 && r.ratio !== null);
    const longest = Math.max(0, ...rows.map((r) => r.longestTaskMs ?? 0), ui?.longestTaskMs ?? 0, uiViews?.longestTaskMs ?? 0, soakResult?.longestTaskMs ?? 0);
    const targets = {
      appOverFitAt64: at64.map((r) => ({ backend: r.backend, ratio: r.ratio, loopOnly: r.ratioAppKernels, met: r.ratio! >= 1.3 })),
      bestImagesPerSec: fastest ? { backend: fastest.backend, batch: fastest.batch, imagesPerSec: fastest.appImagesPerSec, met: fastest.appImagesPerSec! >= 1500 } : null,
      longestMainThreadTaskMs: { value: longest, met: longest <= 50 },
      stopRestartTensorsLeaked: stopSoak ? { value: stopSoak.after - stopSoak.before, met: stopSoak.after === stopSoak.before } : null,
      augmentationCost: rows.filter((r) => r.augmentationCost !== null).map((r) => ({ backend: r.backend, batch: r.batch, off: r.appImagesPerSec, on: r.augImagesPerSec, cost: r.augmentationCost, met: r.augmentationCost! <= 0.15 })),
      soakTensorsLeaked: soakResult ? { value: soakResult.tensorsAfter - soakResult.tensorsBefore, growthOverEpochs: soakResult.tensorGrowthOverEpochs, met: soakResult.tensorsAfter === soakResult.tensorsBefore && soakResult.tensorGrowthOverEpochs === 0 } : null,
    };
    log('');
    log('issue 3 targets:');
    for (const r of targets.appOverFitAt64) log(`  app ≥ 1.3× model.fit at batch 64 on ${r.backend}: ${fmt(r.ratio, 2)}× ${r.met ? 'met' : 'NOT met'}${r.loopOnly !== null ? ` (${fmt(r.loopOnly, 2)}× against model.fit on the app's kernels: the training loop's share)` : ''}`);
    if (targets.bestImagesPerSec) log(`  best backend ≥ 1500 images/s: ${targets.bestImagesPerSec.backend} ${fmt(targets.bestImagesPerSec.imagesPerSec)} at batch ${targets.bestImagesPerSec.batch} ${targets.bestImagesPerSec.met ? 'met' : 'NOT met'}`);
    log(`  no main-thread task over 50 ms: longest ${fmt(longest)} ms ${targets.longestMainThreadTaskMs.met ? 'met' : 'NOT met'}`);
    if (targets.stopRestartTensorsLeaked) log(`  0 tensors leaked over 20 stopped runs: ${targets.stopRestartTensorsLeaked.value} leaked ${targets.stopRestartTensorsLeaked.met ? 'met' : 'NOT met'}`);
    if (targets.soakTensorsLeaked) log(`  0 tensors leaked over ${o['soak-epochs']} epochs: ${targets.soakTensorsLeaked.value} leaked, growth ${targets.soakTensorsLeaked.growthOverEpochs} ${targets.soakTensorsLeaked.met ? 'met' : 'NOT met'}`);
    if (targets.augmentationCost.length) log('issue 12 target (augmentation):');
    for (const r of targets.augmentationCost) log(`  default augmentation costs ≤ 15 % on ${r.backend} at batch ${r.batch}: ${fmt(r.on)} images/s on against ${fmt(r.off)} off, ${fmt(r.cost! * 100, 1)} % fewer ${r.met ? 'met' : 'NOT met'}`);
    const busy = Math.max(loadBefore[0], loadAfter[0]) > os.cpus().length;
    log(`load average ${loadBefore[0].toFixed(1)} → ${loadAfter[0].toFixed(1)} on ${os.cpus().length} cores${busy ? ': the machine was busy, so figures are lower and noisier than on an idle one' : ''}`);

    const out = path.resolve(ROOT, o.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        {
          date: new Date(started).toISOString(),
          durationS: (Date.now() - started) / 1000,
          machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, loadBefore, loadAfter, chromium: browser.version(), crossOriginIsolated: isolated },
          options: o,
          model: 'lenet5',
          available,
          skipped,
          rows,
          cells,
          vgg,
          pytorchVgg,
          threads,
          stepCounts,
          soak: soakResult,
          ui,
          uiViews,
          uiLong,
          pytorch,
          profile,
          targets,
        },
        null,
        2,
      ),
    );
    log(`wrote ${path.relative(ROOT, out)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
