import '../../src/zodJitless'; // as in the app's worker, so schemas parse the same way
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { configureWasm, configureWebgpu, wasmThreadsFor, type BackendName } from '../../src/engine/backend';
import { registerWasmSpeedups, restoreStockWasmKernels } from '../../src/engine/wasm/register';
import { EngineSession } from '../../src/engine/session';
import { NATIVE_SOURCE, WASM_PATHS } from '../../src/worker/wasmPaths';
import { checkDataset, fetchDataset } from '../../src/engine/data/fetch';
import { gatherImages, gatherLabels, imageSize, type DatasetArrays } from '../../src/engine/data/dataset';
import { chooseSubsets } from '../../src/engine/data/subsets';
import { buildModel } from '../../src/engine/model/build';
import type { ModelSpec } from '../../src/engine/spec/layers';
import type { TrainingConfig } from '../../src/engine/train/config';
import type { TrainEvent } from '../../src/engine/train/events';
import { kernelTimes } from './kernelTimes';
import { countGpuWork, perStep, type GpuCounts } from './gpuCounts';

// The bench's worker. The app's path is the app's own EngineSession, driven exactly as the app's worker
// (src/worker/training.worker.ts) exposes it: events go to the main thread through a Comlink proxy. The
// baseline is written here, the way the TensorFlow.js examples train: model.compile + model.fit on the
// whole training set as tensors, a callback per batch that reads the loss and posts it for a chart.

// Set up as src/worker/training.worker.ts sets up the app's engine.
configureWasm({ paths: WASM_PATHS, native: NATIVE_SOURCE, threads: wasmThreadsFor(self.navigator.hardwareConcurrency) });
configureWebgpu(() => import('@tensorflow/tfjs-backend-webgpu'));
const baseUrl = new URL('/', self.location.origin).href;
const session = new EngineSession(baseUrl);

export interface Sample {
  numTensors: number;
}

export interface PathResult {
  /** Images per second over the training loop (model building, upload and the final test excluded). */
  imagesPerSec: number;
  images: number;
  loopMs: number;
  before: Sample;
  after: Sample;
  /** One sample per epoch end, taken in the worker as the epoch ends. */
  epochs: Sample[];
}

export type BatchSink = (items: { loss: number }[]) => void;

// The JS heap is read from outside (run.ts, through the DevTools protocol): workers have no performance.memory.
function sample(): Sample {
  return { numTensors: tf.memory().numTensors };
}

let mnist: DatasetArrays | null = null;

async function dataset(): Promise<DatasetArrays> {
  if (mnist) return mnist;
  const found = await checkDataset(baseUrl, 'mnist');
  if (found.status !== 'ready') throw new Error(`MNIST is not prepared: ${'command' in found ? found.command : ''}`);
  mnist = await fetchDataset(baseUrl, found.manifest);
  return mnist;
}

const api = {
  /** XNNPACK's threads for this worker (the thread-scaling leg); only before the wasm backend first starts. */
  setThreads(threads: number): void {
    configureWasm({ threads });
  },

  async prepare(): Promise<string[]> {
    await session.loadDataset('mnist');
    await dataset();
    return session.availableBackends();
  },

  /** Opens another prepared dataset for trainApp (CIFAR-10 for the mini-VGG leg); false where it is not prepared. */
  async openDataset(id: 'cifar10' | 'fashion-mnist'): Promise<boolean> {
    return (await session.openDataset(id)).status === 'loaded';
  },

  async useBackend(name: string): Promise<string> {
    const info = await session.useBackend(name as BackendName);
    const detail = [info.detail, info.wasm?.nativeKernels ? 'C kernels' : null].filter(Boolean).join(' · ');
    return detail ? `${info.name} (${detail})` : info.name;
  },

  /** The app's path: EngineSession.train. Stops itself after `budgetMs` of training time. */
  async trainApp(spec: ModelSpec, config: TrainingConfig, budgetMs: number, onEvent: (e: TrainEvent) => void, datasetId: 'mnist' | 'cifar10' = 'mnist'): Promise<PathResult> {
    const before = sample();
    const epochs: Sample[] = [];
    let end: TrainEvent | null = null;
    const memory = await session.train(datasetId, spec, config, (e) => {
      if (e.kind === 'batches' && e.progress.elapsedMs > budgetMs) session.stop();
      if (e.kind === 'epoch') epochs.push(sample());
      if (e.kind === 'done') end = e;
      onEvent(e);
    });
    const done = end as TrainEvent | null;
    if (!done || done.kind !== 'done') throw new Error('training ended without a done event');
    const images = Math.round((done.progress.imagesPerSec * done.progress.elapsedMs) / 1000);
    return {
      imagesPerSec: done.progress.imagesPerSec,
      images,
      loopMs: done.progress.elapsedMs,
      before: { ...before, numTensors: memory.tensorsBefore },
      after: { ...sample(), numTensors: memory.tensorsAfter },
      epochs,
    };
  },

  /**
   * Starts and stops a run `times` times, each stopped at its first metrics (mid-epoch, with reads in
   * flight): the tensor count after the last must equal the one before the first.
   */
  async stopRestart(spec: ModelSpec, config: TrainingConfig, times: number): Promise<{ before: number; after: number; perRun: number[]; ms: number }> {
    const before = tf.memory().numTensors;
    const perRun: number[] = [];
    const start = performance.now();
    for (let i = 0; i < times; i++) {
      await session.train('mnist', spec, config, (e) => {
        if (e.kind === 'batches') session.stop();
      });
      perRun.push(tf.memory().numTensors);
    }
    return { before, after: tf.memory().numTensors, perRun, ms: performance.now() - start };
  },

  /**
   * Where a training step's time goes: `steps` steps of the app's loop (after `warmup` unprofiled ones) under
   * tf.profile, the kernels' own times summed by kernel name. The rest of the wall time is the loop's
   * JavaScript, tfjs's per-kernel bookkeeping and the metric reads.
   */
  async profileSteps(spec: ModelSpec, config: TrainingConfig, warmup: number, steps: number): Promise<{ steps: number; wallMs: number; kernelMs: number; kernels: { name: string; calls: number; ms: number }[] }> {
    const run = (n: number) => session.train('mnist', spec, { ...config, epochs: 1, subsets: { ...config.subsets, train: n * config.batchSize, validation: 0 } }, () => {});
    await run(Math.max(1, warmup));
    const start = performance.now();
    const info = await tf.profile(async () => {
      await run(steps);
    });
    const wallMs = performance.now() - start;
    const { kernelMs, kernels } = kernelTimes(info);
    return { steps, wallMs, kernelMs, kernels };
  },

  /**
   * What one step asks of the backend (gpuCounts.ts), for the app's path and for model.fit: `perEpoch` steps
   * a epoch, runs of 1 and 1 + `epochs` epochs counted on the same images (so the dataset's upload and the
   * model's set-up cancel out), the difference divided by the steps between them.
   */
  async stepCounts(spec: ModelSpec, config: TrainingConfig, perEpoch: number, epochs: number): Promise<{ app: GpuCounts; fit: GpuCounts }> {
    const sized = (n: number): TrainingConfig => ({ ...config, epochs: n, subsets: { ...config.subsets, train: perEpoch * config.batchSize, validation: 0 } });
    const app = (n: number) => countGpuWork(() => session.train('mnist', spec, sized(n), () => {}));
    const fitted = (n: number) => countGpuWork(() => fit(spec, sized(n), 1e9, () => {}));
    await app(1); // warm-up: shaders for these shapes
    await fitted(1);
    const steps = perEpoch * epochs;
    return { app: perStep(await app(1), await app(1 + epochs), steps), fit: perStep(await fitted(1), await fitted(1 + epochs), steps) };
  },

  /**
   * The baseline: model.fit on the same model, data, optimizer and backend. With `kernels: 'stock'` the wasm
   * backend runs its own kernels, plus only the training kernels it lacks (without them fit cannot train a
   * CNN there at all); with 'app' it also gets the app's faster kernels, which isolates the loop's share.
   */
  async trainFit(spec: ModelSpec, config: TrainingConfig, budgetMs: number, onBatches: BatchSink, kernels: 'stock' | 'app'): Promise<PathResult> {
    const stock = kernels === 'stock' && tf.getBackend() === 'wasm';
    if (stock) restoreStockWasmKernels();
    try {
      return await fit(spec, config, budgetMs, onBatches);
    } finally {
      if (stock) registerWasmSpeedups();
    }
  },
};

/** model.fit as the TensorFlow.js examples train: whole training set as tensors, a callback per batch. */
async function fit(spec: ModelSpec, config: TrainingConfig, budgetMs: number, onBatches: BatchSink): Promise<PathResult> {
  if (config.optimizer.type !== 'adam') throw new Error('the baseline is written for Adam');
  const data = await dataset();
  const subsets = chooseSubsets(data.train.labels, data.test.labels, config.subsets, data.manifest.classNames.length, config.seed);
  const [h, w, c] = data.manifest.imageShape;
  const count = subsets.train.length;
  const images = gatherImages(data.train, subsets.train, imageSize(data.manifest));
  const labels = gatherLabels(data.train, subsets.train);
  const before = sample();
  const xs = tf.tidy(() => tf.tensor4d(images, [count, h, w, c], 'int32').toFloat().div(255));
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat());
  const model = buildModel(spec, { seed: config.seed });
  const { learningRate, beta1, beta2, epsilon } = config.optimizer;
  const optimizer = tf.train.adam(learningRate, beta1, beta2, epsilon);
  model.compile({
    optimizer,
    loss: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, logits),
    metrics: ['accuracy'],
  });
  const epochs: Sample[] = [];
  let begin = 0;
  let loopMs = 0;
  let batches = 0;
  try {
    await model.fit(xs, ys, {
      batchSize: config.batchSize,
      epochs: config.epochs,
      shuffle: true,
      callbacks: {
        onTrainBegin: async () => {
          begin = performance.now();
        },
        onBatchEnd: async (_batch, logs) => {
          batches++;
          onBatches([{ loss: logs?.loss ?? NaN }]);
          if (performance.now() - begin > budgetMs) model.stopTraining = true;
        },
        onEpochEnd: async () => {
          epochs.push(sample());
        },
        onTrainEnd: async () => {
          loopMs = performance.now() - begin;
        },
      },
    });
  } finally {
    tf.dispose([xs, ys]);
    optimizer.dispose();
    model.dispose();
  }
  // Every batch but the last is full; the loop stops early only on a batch boundary.
  const seen = Math.min(batches * config.batchSize, count * config.epochs);
  return { imagesPerSec: (seen / loopMs) * 1000, images: seen, loopMs, before, after: sample(), epochs };
}

export type BenchWorker = typeof api;
Comlink.expose(api);
