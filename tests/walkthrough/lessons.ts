// Issue 14's note asks for each lesson walked through as a student would, with screenshots in en and zh at
// 1920×1080 in presenter mode, and for the time from page load to the first batch trained on a first visit.
// This script does both against the production build; it is evidence for a person to look at, not a test
// (it is not part of `npm test`: its training takes minutes and its screenshots need eyes).
//
//   npx tsc -b && npx vite build
//   npx tsx tests/walkthrough/lessons.ts [out-dir] [--lessons=id,id] [--port=4181] [--first-batch=3 [--first-batch-query=backend=wasm]] [--audit-zh] [--no-walk]
//
// out-dir defaults to /tmp/walkthrough. It launches `vite preview` itself and Debian's Chromium the way the
// browser tests do (tests/browser/chromium.ts). A lesson's training steps run on the wasm backend; where a
// step's settings would train for minutes on a shared machine, the walk trains fewer images or epochs (the
// SHRINK table says which) and the report says so, so a check that then stays open is not mistaken for one
// that never fires.

import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS, type LessonCheck, type LessonStep } from '../../src/lessons';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OUT = args.find((a) => !a.startsWith('--')) ?? '/tmp/walkthrough';
const PORT = Number(flag('port') ?? process.env.PLAYWRIGHT_PORT ?? 4181);
const BASE = `http://127.0.0.1:${PORT}`;
const ONLY = flag('lessons')?.split(',');
const FIRST_BATCH_RUNS = Number(flag('first-batch') ?? 0);
const WALK = !args.includes('--no-walk');
const AUDIT_ZH = args.includes('--audit-zh');
/** Extra query for the first-visit runs, e.g. backend=wasm to time that backend too (default: the app's own pick). */
const FIRST_BATCH_QUERY = flag('first-batch-query');
/** The longest one training action may take before the walk stops it and notes so. */
const TRAIN_LIMIT_MS = 120_000;

/**
 * Steps whose own settings train too long for a walk on a shared 2-core machine: the walk sets these
 * fields after loading the step (what the student would do on a slow laptop), and reports it.
 */
const SHRINK: Record<string, { train?: number; validation?: number; test?: number; epochs?: number }> = {
  'overfitting/more': { epochs: 10 },
  'overfitting/lab': { validation: 300 },
  'augmentation/photos': { train: 500, epochs: 2 },
  'architectures/alexnet': { train: 1000 },
  'architectures/race': { train: 500, validation: 200, test: 200 },
};

type Action = 'train' | 'lookInside' | 'explain' | 'selectPool' | 'evaluate' | 'evaluateFull' | 'crossValidate' | 'overfitLab' | 'playPaths' | 'raceTrain';

/** What a student does in a step after loading it: what its check asks for, read off the check's kind. */
function actionsFor(lesson: string, step: LessonStep): Action[] {
  if (lesson === 'architectures' && step.key === 'race') return ['raceTrain'];
  const byCheck: Partial<Record<LessonCheck['kind'], Action[]>> = {
    runFinished: ['train'],
    testAccuracyAtLeast: ['train'],
    validationAccuracyAtLeast: ['train'],
    optimizersCompared: ['train'],
    gapOpened: ['train'],
    gapNarrowed: ['train'],
    earlyStopped: ['train'],
    augmentationCompared: ['train'],
    modelsCompared: ['train'],
    lookedInside: ['lookInside'],
    convExplained: ['explain'],
    layerSelected: ['selectPool'],
    kfoldDone: ['crossValidate'],
    overfitLabDone: ['overfitLab'],
    pathsTraced: ['playPaths'],
  };
  if (step.check?.kind === 'evaluated') return [step.check.split === 'full' ? 'evaluateFull' : 'evaluate'];
  // The inside step of the LeNet lesson also asks for a pixel explained.
  if (lesson === 'lenet-mnist' && step.key === 'inside') return ['lookInside', 'explain'];
  return step.check ? (byCheck[step.check.kind] ?? []) : [];
}

interface StepReport {
  key: string;
  loaded: boolean;
  actions: string[];
  shrunk?: string;
  checkKind: string | null;
  checkBefore: boolean | null;
  checkAfter: boolean | null;
  ms: number;
  minBodyPx: number;
  smallText: string[];
  horizontalScroll: boolean;
  overflowing: string[];
  englishInZh: string[];
  notes: string[];
  shots: string[];
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vite preview did not answer on ${BASE}: build first (npx tsc -b && npx vite build)`);
}

/** tsx (esbuild) wraps named functions inside page.evaluate callbacks in __name(), which the page lacks. */
const KEEP_NAMES = 'window.__name = (f) => f';

type DebugState = { run: string; queueRunning: boolean; backend: string | null; paths: string; error: string | null };
const state = (page: Page) => page.evaluate(() => (window as unknown as { cnnDebug: { state(): DebugState } }).cnnDebug.state());
const BUSY = ['queued', 'starting', 'running', 'pausing', 'stopping'];

/** Waits until training and its queue are idle; stops it past `limit` and says so. */
async function waitIdle(page: Page, limit: number, notes: string[]): Promise<void> {
  const start = Date.now();
  // The click starts the run asynchronously: give it a moment to become busy.
  for (let i = 0; i < 20 && !BUSY.includes((await state(page)).run) && !(await state(page)).queueRunning; i++) await page.waitForTimeout(100);
  while (Date.now() - start < limit) {
    const s = await state(page);
    if (!BUSY.includes(s.run) && !s.queueRunning) {
      if (s.error) notes.push(`run error: ${s.error}`);
      if (s.run !== 'done') notes.push(`run ended ${s.run}`);
      return;
    }
    await page.waitForTimeout(250);
  }
  notes.push(`stopped after ${limit / 1000} s`);
  await page.getByTestId('stopTraining').click();
  while (BUSY.includes((await state(page)).run)) await page.waitForTimeout(250);
}

async function train(page: Page, notes: string[]): Promise<void> {
  const button = page.getByTestId('startTraining');
  await button.waitFor();
  // A step that switches the dataset loads it first (Fashion-MNIST, CIFAR-10): Train waits for it, as the student does.
  for (let i = 0; i < 240 && (await button.isDisabled()); i++) await page.waitForTimeout(250);
  if (await button.isDisabled()) {
    notes.push('Train stayed disabled for 60 s');
    return;
  }
  await button.click();
  await waitIdle(page, TRAIN_LIMIT_MS, notes);
}

async function perform(page: Page, action: Action, notes: string[]): Promise<void> {
  switch (action) {
    case 'train':
      return train(page, notes);
    case 'raceTrain':
      // ResNet-mini is loaded; then VGG-mini and GoogLeNet-mini, as the step says.
      for (const preset of [null, 'vgg-mini', 'googlenet-mini']) {
        if (preset) await page.getByTestId('preset-select').selectOption(preset);
        await shrink(page, SHRINK['architectures/race']);
        await train(page, notes);
      }
      return;
    case 'lookInside':
      await page.getByTestId('look-inside').click();
      await page.getByTestId('feature-maps').waitFor({ timeout: 60_000 });
      return;
    case 'explain': {
      const channel = page.locator('[data-testid="fm-layer"][data-layer="0"] [data-testid="fm-channel"]').nth(2);
      await channel.scrollIntoViewIfNeeded();
      const box = (await channel.boundingBox())!;
      await channel.click({ position: { x: box.width * 0.55, y: box.height * 0.45 } });
      await page.getByTestId('explainer-agreement').waitFor({ timeout: 30_000 });
      return;
    }
    case 'selectPool': {
      // The first pooling layer of the table, clicked in the network diagram as the step says.
      const rows = await page.getByTestId('layer-row').allTextContents();
      const index = rows.findIndex((r) => /pool/i.test(r));
      if (index < 0) return void notes.push('no pooling layer in the table');
      const block = page.getByTestId('network-diagram').locator(`[data-testid="diagram-block"][data-layer="${index}"]`);
      await block.scrollIntoViewIfNeeded();
      await block.click();
      return;
    }
    case 'evaluate':
    case 'evaluateFull': {
      const button = page.getByTestId(action === 'evaluate' ? 'evaluate-subset' : 'evaluate-full');
      await button.scrollIntoViewIfNeeded();
      await button.click();
      await page.getByTestId('evaluation-summary').waitFor({ timeout: 120_000 });
      // The evaluation is asynchronous: wait for the button to come back.
      await page.waitForFunction((id) => !(document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement | null)?.disabled, action === 'evaluate' ? 'evaluate-subset' : 'evaluate-full', { timeout: 120_000 });
      return;
    }
    case 'crossValidate':
      await page.getByTestId('kfold-queue').scrollIntoViewIfNeeded();
      await page.getByTestId('kfold-queue').click();
      return waitIdle(page, TRAIN_LIMIT_MS, notes);
    case 'overfitLab':
      await page.getByTestId('overfit-queue').scrollIntoViewIfNeeded();
      await page.getByTestId('overfit-queue').click();
      return waitIdle(page, TRAIN_LIMIT_MS, notes);
    case 'playPaths': {
      const play = page.getByTestId('paths-play');
      if (await play.isVisible()) await play.click();
      await page.waitForTimeout(2000);
      return;
    }
  }
}

async function shrink(page: Page, s: (typeof SHRINK)[string] | undefined): Promise<void> {
  if (!s) return;
  if (s.train !== undefined) await page.getByTestId('subset-train').fill(String(s.train));
  if (s.validation !== undefined) await page.getByTestId('subset-validation').fill(String(s.validation));
  if (s.test !== undefined) await page.getByTestId('subset-test').fill(String(s.test));
  if (s.epochs !== undefined) await page.getByTestId('epochs').fill(String(s.epochs));
}

async function checkState(page: Page): Promise<boolean | null> {
  const check = page.getByTestId('lesson-check');
  if ((await check.count()) === 0) return null;
  return (await check.getAttribute('data-passed')) === 'true';
}

/** The smallest running text (paragraphs, list items, table cells, labels) on screen, in px. */
function measureLayout(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && (el as HTMLElement).offsetParent !== null;
    };
    // Running text: paragraphs, list items and table cells (field captions are labels, counted under `small`).
    const texts = [...document.querySelectorAll('.panel p, .panel li, .panel td')].filter((el) => visible(el) && el.textContent!.trim().length > 20);
    const sizes = texts.map((el) => parseFloat(getComputedStyle(el).fontSize));
    const overflowing = [...document.querySelectorAll('button, label, h2, h3, p, td, th, select, .badge')]
      .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
      .map((el) => `${el.tagName.toLowerCase()}${(el as HTMLElement).dataset.testid ? `[${(el as HTMLElement).dataset.testid}]` : ''}: ${el.textContent!.trim().slice(0, 50)}`);
    // Every other visible text under 24 px (captions, help notes, figures), by element and class, to read through.
    const small = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || n.textContent!.trim().length < 12 || !visible(el) || el.closest('svg, option, select, button, input')) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 24) small.add(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${px}px "${n.textContent!.trim().slice(0, 30)}"`);
    }
    return { minBodyPx: sizes.length ? Math.min(...sizes) : NaN, small: [...small].slice(0, 40), horizontalScroll: document.documentElement.scrollWidth > document.documentElement.clientWidth, overflowing };
  });
}

/**
 * Latin words left on screen in the Chinese UI, apart from names that stay as they are (model, optimizer,
 * dataset and backend names, units, formula symbols): a rough net for untranslated text.
 */
function englishLeft(page: Page) {
  return page.evaluate(() => {
    const KEEP = new Set(
      'cnn lenet alexnet vgg googlenet resnet mini mnist fashion cifar adam adamw sgd rprop scg relu elu gelu selu tanh softmax sigmoid wasm webgl webgpu cpu simd xnnpack gpu png csv json url qr lrn auc roc f1 he glorot xavier lecun swiftshader nesterov adagrad rmsprop adadelta adamax rosenbrock himmelblau beale rastrigin booth l1 l2 id k top max min avg exp log ms px conv dense flatten dropout batchnorm pool relu6 leaky leakyrelu momentum manhattan lz'.split(' '),
    );
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!el || el.closest('script, style, [data-testid="language"], [data-testid="share-url"], [data-testid="teacher-url"], option')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.offsetParent === null) continue;
      const words = n.textContent!.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [];
      if (words.some((w) => !KEEP.has(w.toLowerCase().replace(/-?mini$/, '')))) found.add(n.textContent!.trim().slice(0, 80));
    }
    return [...found];
  });
}

async function language(page: Page, lng: 'en' | 'zh'): Promise<void> {
  await page.getByTestId('language').selectOption(lng);
  await page.waitForTimeout(300);
}

async function walkLesson(browser: Browser, lessonIndex: number): Promise<{ id: string; steps: StepReport[] }> {
  const lesson = LESSONS[lessonIndex];
  const dir = join(OUT, lesson.id);
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
  await context.addInitScript(KEEP_NAMES);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE}/?lesson=${lesson.id}&backend=wasm&debug`);
  await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
  await page.getByTestId('presenter-toggle').click();
  const reports: StepReport[] = [];
  for (let i = 0; i < lesson.steps.length; i++) {
    const step = lesson.steps[i];
    const start = Date.now();
    const notes: string[] = [];
    const shown = await page.getByTestId('lesson-panel').getAttribute('data-step');
    if (shown !== step.key) notes.push(`panel shows step ${shown}, expected ${step.key}`);
    await page.evaluate(() => scrollTo(0, 0));
    const checkBefore = await checkState(page);
    const load = page.getByTestId('lesson-load');
    const loaded = (await load.count()) > 0;
    if (loaded) {
      await load.click();
      await page.waitForTimeout(500);
    }
    const shrunk = SHRINK[`${lesson.id}/${step.key}`];
    if (shrunk && step.key !== 'race') await shrink(page, shrunk);
    const actions = actionsFor(lesson.id, step);
    for (const a of actions) {
      try {
        await perform(page, a, notes);
      } catch (e) {
        notes.push(`${a} failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    const checkAfter = await checkState(page);
    const n = String(i + 1).padStart(2, '0');
    const shots: string[] = [];
    // What the student reads (the lesson panel at the top) and where they work (the step's panel).
    await page.evaluate(() => scrollTo(0, 0));
    const layout = await measureLayout(page);
    for (const lng of ['en', 'zh'] as const) {
      await language(page, lng);
      await page.evaluate(() => scrollTo(0, 0));
      const top = join(dir, `${n}-${step.key}-${lng}.png`);
      await page.screenshot({ path: top });
      shots.push(top);
      if (step.panel && (await page.getByTestId('lesson-go').count())) {
        await page.getByTestId('lesson-go').click();
        // The smooth scroll, then two frames: a screenshot mid-scroll shows tiles not painted yet (a blank band).
        await page.waitForTimeout(1500);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const at = join(dir, `${n}-${step.key}-panel-${lng}.png`);
        await page.screenshot({ path: at });
        shots.push(at);
      }
    }
    await language(page, 'zh');
    const englishInZh = await englishLeft(page);
    await page.evaluate(() => scrollTo(0, 0));
    const englishInZhTop = await englishLeft(page);
    await language(page, 'en');
    reports.push({
      key: step.key,
      loaded,
      actions: actions.map(String),
      shrunk: shrunk ? JSON.stringify(shrunk) : undefined,
      checkKind: step.check?.kind ?? null,
      checkBefore,
      checkAfter,
      ms: Date.now() - start,
      minBodyPx: layout.minBodyPx,
      smallText: layout.small,
      horizontalScroll: layout.horizontalScroll,
      overflowing: layout.overflowing,
      englishInZh: [...new Set([...englishInZhTop, ...englishInZh])],
      notes,
      shots,
    });
    const r = reports.at(-1)!;
    console.log(
      `${lesson.id} ${i + 1}/${lesson.steps.length} ${step.key}: ${r.actions.join('+') || '-'}${r.shrunk ? ` (shrunk ${r.shrunk})` : ''} check ${r.checkKind ?? '-'} ${r.checkBefore}→${r.checkAfter} · ${(r.ms / 1000).toFixed(1)} s · min text ${r.minBodyPx} px${r.horizontalScroll ? ' · HORIZONTAL SCROLL' : ''}${notes.length ? ` · ${notes.join('; ')}` : ''}`,
    );
    if (i < lesson.steps.length - 1) await page.getByTestId('lesson-next').click();
  }
  if (errors.length) console.log(`${lesson.id}: page errors: ${errors.join(' | ')}`);
  await context.close();
  return { id: lesson.id, steps: reports };
}

/**
 * A first visit: a fresh context (no storage, no calibration), the default experiment, Train pressed as soon
 * as it is enabled; the figure is from the navigation's start (performance.timeOrigin) to the first batch's
 * loss appearing in the runs table, measured inside the page.
 */
async function firstBatch(browser: Browser, run: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(KEEP_NAMES);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __firstBatch?: number; __trainEnabled?: number };
    new MutationObserver(() => {
      const cell = document.querySelector('[data-testid="first-batch-loss"]');
      if (w.__firstBatch === undefined && cell && /\d/.test(cell.textContent ?? '')) w.__firstBatch = performance.now();
      const train = document.querySelector<HTMLButtonElement>('[data-testid="startTraining"]');
      if (w.__trainEnabled === undefined && train && !train.disabled) w.__trainEnabled = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.goto(`${BASE}/?debug${FIRST_BATCH_QUERY ? `&${FIRST_BATCH_QUERY}` : ''}`);
  const train = page.getByTestId('startTraining');
  await train.waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="startTraining"]') as HTMLButtonElement).disabled, undefined, { timeout: 120_000 });
  const clickedAt = await page.evaluate(() => performance.now());
  await train.click();
  await page.waitForFunction(() => (window as unknown as { __firstBatch?: number }).__firstBatch !== undefined, undefined, { timeout: 300_000, polling: 50 });
  const t = await page.evaluate(() => {
    const w = window as unknown as { __firstBatch: number; __trainEnabled: number };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { firstBatch: w.__firstBatch, trainEnabled: w.__trainEnabled, domContentLoaded: nav.domContentLoadedEventEnd };
  });
  const backend = await page.getByTestId('backend').textContent();
  const s = await state(page);
  await page.getByTestId('stopTraining').click().catch(() => undefined);
  await context.close();
  const result = { run, ms: Math.round(t.firstBatch), trainEnabledMs: Math.round(t.trainEnabled), clickedMs: Math.round(clickedAt), domContentLoadedMs: Math.round(t.domContentLoaded), backend: s.backend, badge: backend };
  console.log(`first visit ${run}: first batch at ${result.ms} ms after navigation start (Train enabled at ${result.trainEnabledMs} ms, clicked at ${result.clickedMs} ms) on ${result.backend} — ${backend}`);
  return result;
}

/**
 * The Chinese UI outside presenter mode, every panel on the page, before and after a short run: the page
 * title and the Latin words left on screen (the same net as the walk's), with full-page screenshots.
 */
async function auditZh(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  await context.addInitScript(KEEP_NAMES);
  const page = await context.newPage();
  await page.goto(`${BASE}/?lang=zh&backend=wasm&debug`);
  await page.getByTestId('sample-grid').waitFor({ timeout: 120_000 });
  const idle = await englishLeft(page);
  await page.screenshot({ path: join(OUT, 'audit-zh-idle.png'), fullPage: true });
  await shrink(page, { train: 500, validation: 200, test: 200, epochs: 1 });
  const notes: string[] = [];
  await train(page, notes);
  await page.getByTestId('look-inside').click();
  await page.getByTestId('feature-maps').waitFor({ timeout: 60_000 });
  await page.getByTestId('evaluate-subset').click();
  await page.getByTestId('evaluation-summary').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  const trained = await englishLeft(page);
  await page.screenshot({ path: join(OUT, 'audit-zh-trained.png'), fullPage: true });
  const result = { title: await page.title(), idle, trained: trained.filter((x) => !idle.includes(x)), notes };
  console.log(`zh audit: title "${result.title}"\n  idle: ${idle.join(' | ')}\n  after training: ${result.trained.join(' | ')}`);
  await context.close();
  return result;
}

mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const report: { firstBatch: unknown[]; lessons: unknown[]; zh?: unknown } = { firstBatch: [], lessons: [] };
  if (AUDIT_ZH) report.zh = await auditZh(browser);
  for (let r = 1; r <= FIRST_BATCH_RUNS; r++) report.firstBatch.push(await firstBatch(browser, r));
  if (WALK) {
    for (let i = 0; i < LESSONS.length; i++) {
      if (ONLY && !ONLY.includes(LESSONS[i].id)) continue;
      report.lessons.push(await walkLesson(browser, i));
      writeFileSync(join(OUT, 'report.json'), JSON.stringify(report, null, 2));
    }
  }
  writeFileSync(join(OUT, 'report.json'), JSON.stringify(report, null, 2));
  console.log(`report: ${join(OUT, 'report.json')}`);
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
