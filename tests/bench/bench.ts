import * as Comlink from 'comlink';
import type { ModelSpec } from '../../src/engine/spec/layers';
import type { TrainingConfig } from '../../src/engine/train/config';
import type { TrainEvent } from '../../src/engine/train/events';
import type { BenchWorker, PathResult } from './bench.worker';

// The bench page's main thread: starts the worker, watches this thread for long tasks while a measurement
// runs, and is driven by tests/bench/run.ts through window.bench.

const worker = Comlink.wrap<BenchWorker>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' }));

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

// Long tasks are only reported from 50 ms; a 10 ms timer also shows shorter stalls of this thread.
let lastTick = performance.now();
let maxLateMs = 0;
const TICK = 10;
setInterval(() => {
  const now = performance.now();
  maxLateMs = Math.max(maxLateMs, now - lastTick - TICK);
  lastTick = now;
}, TICK);

/**
 * The app's training path; the same with the dataset's default augmentation on; model.fit on tfjs's own
 * kernels; model.fit on the app's kernels (wasm only).
 */
export type BenchPath = 'app' | 'appAug' | 'fit' | 'fitApp';

export interface Measurement extends PathResult {
  path: BenchPath;
  /** From the call to the first batch's loss arriving on this thread. */
  firstBatchMs: number | null;
  wallMs: number;
  /** Batch losses that reached this thread (what a chart would draw). */
  charted: number;
  longestTaskMs: number;
  longTasks: number;
  maxTimerLateMs: number;
}

async function measure(path: BenchPath, spec: ModelSpec, config: TrainingConfig, budgetMs: number, datasetId: 'mnist' | 'cifar10' = 'mnist'): Promise<Measurement> {
  if (datasetId !== 'mnist' && path !== 'app') throw new Error('only the app path trains on another dataset than MNIST');
  const t0 = performance.now();
  maxLateMs = 0;
  lastTick = t0;
  let firstBatchMs: number | null = null;
  let charted = 0;
  const hook = (window as unknown as { __epochEnded?: (epoch: number) => void }).__epochEnded;
  const got = (n: number) => {
    firstBatchMs ??= performance.now() - t0;
    charted += n;
  };
  const result =
    path === 'app' || path === 'appAug'
      ? await worker.trainApp(
          spec,
          config,
          budgetMs,
          Comlink.proxy((e: TrainEvent) => {
            if (e.kind === 'batches') got(e.items.length);
            if (e.kind === 'epoch') hook?.(e.metrics.epoch); // run.ts reads the worker's heap then
          }),
          datasetId,
        )
      : await worker.trainFit(spec, config, budgetMs, Comlink.proxy((items: { loss: number }[]) => got(items.length)), path === 'fit' ? 'stock' : 'app');
  const wallMs = performance.now() - t0;
  // Let a long task that ended the run be reported before reading.
  await new Promise((r) => setTimeout(r, 50));
  const during = longTasks.filter((t) => t.start >= t0 && t.start <= t0 + wallMs);
  return {
    ...result,
    path,
    firstBatchMs,
    wallMs,
    charted,
    longestTaskMs: during.reduce((m, t) => Math.max(m, t.duration), 0),
    longTasks: during.length,
    maxTimerLateMs: maxLateMs,
  };
}

const api = {
  setThreads: (threads: number) => worker.setThreads(threads),
  prepare: () => worker.prepare(),
  useBackend: (name: string) => worker.useBackend(name),
  openDataset: (id: 'cifar10' | 'fashion-mnist') => worker.openDataset(id),
  measure,
  stopRestart: (spec: ModelSpec, config: TrainingConfig, times: number) => worker.stopRestart(spec, config, times),
  stepCounts: (spec: ModelSpec, config: TrainingConfig, perEpoch: number, epochs: number) => worker.stepCounts(spec, config, perEpoch, epochs),
  profileSteps: (spec: ModelSpec, config: TrainingConfig, warmup: number, steps: number) => worker.profileSteps(spec, config, warmup, steps),
  isolated: () => crossOriginIsolated,
};

export type BenchPage = typeof api;
(window as unknown as { bench: BenchPage }).bench = api;
document.getElementById('status')!.textContent = 'ready';
