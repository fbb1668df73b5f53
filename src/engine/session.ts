import * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import { DATASET_IDS, isOwnDatasetId, type BuiltinDatasetId, type DatasetId } from './data/catalog';
import { checkDataset, openDataset, type Availability, type Opened } from './data/fetch';
import type { ByteProgress } from './data/download';
import { classHistogram, gatherImages, gatherLabels, imageSize, type DatasetArrays } from './data/dataset';
import { chooseSubsets, type SubsetSizes, type Subsets } from './data/subsets';
import { splitFold } from './data/folds';
import { bootstrapSample } from './data/bootstrap';
import { availableBackends, selectBackend, switchBackend, type BackendInfo, type BackendName } from './backend';
import { analyzeModel } from './spec/analyze';
import type { ModelSpec } from './spec/layers';
import { trainingConfigSchema, type TrainingConfig } from './train/config';
import { TrainingRun, type TrainingData } from './train/trainer';
import { buildModel } from './model/build';
import { ImportError, specFromTopology } from './models/importSpec';
import { weightsMismatch } from './models/weightShapes';
import type { TrainEvent } from './train/events';
import { tracePathsOnCpu } from './paths/onCpu';
import type { PathsResult } from './paths/trace';
import { optimizerSpecSchema } from './train/optimizerSpec';
import { calibrate } from './calibrate';
import type { CalibrationOptions, CalibrationProgress, CalibrationResult } from './calibrationRecord';
import { checkRunMemory, estimateRunMemory, memoryProblemText } from './train/memory';
import { checkStepTime, hasBatchNorm, stepTimeProblemText } from './train/stepParts';
import { engineError, engineErrorKind, isOutOfMemory } from './engineErrors';
import { watchContextLoss, loseContextForTest } from './gpuContext';
import * as Comlink from 'comlink';
import { ModelRegistry } from './models/registry';
import { defaultModelStorage, type ModelStorage } from './models/storage';
import { probabilitiesOf } from './models/predict';
import { accuracyOf, averageProbabilities, type EnsembleEvaluation } from './models/ensemble';
import { evaluationMetrics, metricBuffers } from './metrics/evaluationMetrics';
import type { EvaluationSplit, KeptModelInfo, ModelEvaluation } from './models/types';
import { layerActivations } from './inspect/activations';
import { convFilters } from './inspect/filters';
import { explainConv } from './inspect/explain';
import type { ConvExplanation, ConvFilters, Inspection } from './inspect/types';
import { augmentationSchema } from './augment/spec';
import { augmentationPreview, type AugmentationPreview } from './augment/preview';

// Everything the UI can ask of the engine. In the browser it lives in a Web Worker behind Comlink;
// in tests it is called directly. Arguments and results are plain data.

export interface LoadedDataset {
  id: DatasetId;
  name: string;
  imageShape: [number, number, number];
  classNames: string[];
  trainCount: number;
  testCount: number;
  loadMs: number;
}

export type DatasetOpening = { status: 'loaded'; dataset: LoadedDataset } | Exclude<Opened, { status: 'loaded' }>;

export interface SubsetPreview {
  histograms: { train: number[]; validation: number[]; test: number[] };
  /** `perClass` training images of each class, class by class, uint8 H×W×C each. */
  samples: Uint8Array;
  perClass: number;
}

export interface TrainingMemory {
  /** Tensors before and after the run, not counting kept models' weights. */
  tensorsBefore: number;
  tensorsAfter: number;
  /** Runs whose models were unloaded from memory to make room (they stay in storage). */
  unloaded: string[];
}

export interface CalibrationRequest extends CalibrationOptions {
  optimizer: unknown;
  /** Backends to time; all available ones when left out. */
  backends?: string[];
}

// Calibration trains on the first images of the training split, at most this many (enough for any batch).
const CALIBRATION_IMAGES = 2048;

/** Each problem of a failed parse on a line of its own, with the field it concerns. */
function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

/** The model spec, validated, for images of `data`'s shape; throws with every problem otherwise. */
function validModel(spec: unknown, data: DatasetArrays): ModelSpec {
  const analysis = analyzeModel(spec, data.manifest.classNames.length);
  if (!analysis.ok || !analysis.spec) throw new Error(analysis.issues.map((i) => i.message).join('\n'));
  const shape = data.manifest.imageShape;
  if (analysis.spec.inputShape.join() !== shape.join()) {
    throw new Error(`the model expects ${analysis.spec.inputShape.join('×')} images but ${data.manifest.name} has ${shape.join('×')}`);
  }
  return analysis.spec;
}

export class EngineSession {
  private backend: BackendInfo | null = null;
  private datasets = new Map<DatasetId, DatasetArrays>();
  private opening = new Map<BuiltinDatasetId, ReturnType<typeof openDataset>>();
  /** Who hears a download's byte progress: every caller waiting on it, not only the one that started it. */
  private progressListeners = new Map<BuiltinDatasetId, Set<(p: ByteProgress) => unknown>>();
  private current: { id: DatasetId; sizes: SubsetSizes; seed: number; subsets: Subsets } | null = null;
  private run: TrainingRun | null = null;
  /** The run id the training run in progress reports as (its model is kept under it when it ends). */
  private runId: string | null = null;
  private readonly models: ModelRegistry;
  private calibrating: Promise<CalibrationResult> | null = null;
  /** Set by train() during a calibration: it stops after the backend being timed (seconds, not a minute). */
  private calibrationCutShort = false;
  private probing: Promise<unknown> | null = null;

  constructor(
    private readonly baseUrl: string,
    storage: ModelStorage = defaultModelStorage(),
  ) {
    this.models = new ModelRegistry(storage);
  }

  async init(order?: BackendName[]): Promise<BackendInfo> {
    this.backend = await selectBackend(order);
    this.watchGpu();
    return this.backend;
  }

  /** Trains on `name` from now on; throws, keeping the current backend, where it cannot start. */
  async useBackend(name: BackendName): Promise<BackendInfo> {
    if (this.run) throw new Error('cannot switch backend during a training run');
    this.backend = await switchBackend(name);
    this.watchGpu();
    return this.backend;
  }

  /** Answers at once: the UI's way to tell a busy engine from a dead one. */
  ping(): true {
    return true;
  }

  /**
   * A lost WebGL context never comes back to this engine (tfjs's textures are gone and its reads never
   * resolve): the run in progress fails at once with a clear message, and every later call says the engine
   * must restart, which the UI does by starting a new worker.
   */
  private contextLost = false;

  private watchGpu(): void {
    if (this.backend?.name !== 'webgl') return;
    watchContextLoss(() => {
      this.contextLost = true;
      this.run?.control.fail(engineError('contextLost'));
    });
  }

  /** Loses the WebGL context on purpose (WEBGL_lose_context), as a driver reset would: for tests of recovery. */
  simulateContextLoss(): boolean {
    return loseContextForTest();
  }

  private requireGpu(): void {
    if (this.contextLost) throw engineError('contextLost');
  }

  /** The backends that start here (webgpu, webgl, wasm, cpu, in that order, those that do). */
  availableBackends(): Promise<string[]> {
    // Finding out starts each backend in turn, so no run may start meanwhile (train waits for this).
    if (this.run) throw new Error('cannot look for backends during a training run');
    const probe = availableBackends();
    this.probing = probe;
    return probe;
  }

  async availability(): Promise<Record<BuiltinDatasetId, Availability>> {
    const entries = await Promise.all(DATASET_IDS.map(async (id) => [id, await checkDataset(this.baseUrl, id)] as const));
    return Object.fromEntries(entries) as Record<BuiltinDatasetId, Availability>;
  }

  /**
   * Loads a dataset, its files checked against the manifest. One that is not prepared, or whose files are
   * wrong, comes back as plain data saying so (for the dataset panel), not as an error.
   */
  async openDataset(id: DatasetId, onProgress?: (p: ByteProgress) => unknown): Promise<DatasetOpening> {
    const start = performance.now();
    let data = this.datasets.get(id);
    if (!data) {
      // Own datasets live in the page's IndexedDB: the page hands their arrays over (addDataset) before opening.
      if (isOwnDatasetId(id)) throw new Error(`own dataset ${id} has not been handed to the engine`);
      let listeners = this.progressListeners.get(id);
      if (!listeners) this.progressListeners.set(id, (listeners = new Set()));
      if (onProgress) listeners.add(onProgress);
      // Two callers at once (a restarted engine reloading while a run starts) share one download.
      let opening = this.opening.get(id);
      if (!opening) {
        const tell = (p: ByteProgress) => {
          // A listener across the worker boundary answers with a promise; a page gone meanwhile is no error here.
          for (const l of listeners) void Promise.resolve(l(p)).catch(() => {});
        };
        opening = openDataset(this.baseUrl, id, tell).finally(() => {
          this.opening.delete(id);
          this.progressListeners.delete(id);
        });
        this.opening.set(id, opening);
      }
      const opened = await opening;
      if (opened.status !== 'loaded') return opened;
      data = opened.data;
      this.datasets.set(id, data);
    }
    return { status: 'loaded', dataset: summary(data, performance.now() - start) };
  }

  /** openDataset for callers that only go on with a usable dataset: anything else throws, saying how to fix it. */
  async loadDataset(id: DatasetId): Promise<LoadedDataset> {
    const opened = await this.openDataset(id);
    if (opened.status === 'loaded') return opened.dataset;
    if (opened.status === 'invalid') throw new Error(`${opened.message} — prepare the dataset again with ${opened.command}`);
    throw new Error(`dataset ${id} is not prepared: run ${opened.command}`);
  }

  /**
   * Registers arrays already in memory: an own dataset the page read from IndexedDB (transferred, not
   * copied), or a dataset in tests. Arrays under an id already known replace it (an own dataset edited).
   */
  addDataset(data: DatasetArrays): LoadedDataset {
    if (this.run) throw new Error('cannot change a dataset during a training run');
    this.datasets.set(data.manifest.id as DatasetId, data);
    // Subsets chosen from the old arrays would index images that moved or are gone.
    if (this.current?.id === data.manifest.id) this.current = null;
    return summary(data, 0);
  }

  /** The dataset's summary when its arrays are here, else null (an own dataset not handed over yet). */
  hasDataset(id: DatasetId): LoadedDataset | null {
    const data = this.datasets.get(id);
    return data ? summary(data, 0) : null;
  }

  /** Forgets an own dataset the user deleted (its arrays are memory the engine no longer needs). */
  removeDataset(id: DatasetId): void {
    if (!isOwnDatasetId(id)) return;
    this.datasets.delete(id);
    if (this.current?.id === id) this.current = null;
  }

  preview(id: DatasetId, sizes: SubsetSizes, seed: number, perClass = 8): SubsetPreview {
    const data = this.require(id);
    const subsets = this.subsets(id, sizes, seed);
    const k = data.manifest.classNames.length;
    const pick: number[] = [];
    for (let c = 0; c < k; c++) {
      let found = 0;
      for (let i = 0; i < subsets.train.length && found < perClass; i++) {
        if (data.train.labels[subsets.train[i]] === c) {
          pick.push(subsets.train[i]);
          found++;
        }
      }
    }
    return {
      histograms: {
        train: classHistogram(gatherLabels(data.train, subsets.train), k),
        validation: classHistogram(gatherLabels(data.train, subsets.validation), k),
        test: classHistogram(gatherLabels(data.test, subsets.test), k),
      },
      samples: gatherImages(data.train, pick, imageSize(data.manifest)),
      perClass,
    };
  }

  /**
   * The augmentation preview: `count` training images of the subset (one of each class in turn, so the
   * digits or objects differ), each as it is and `ways` times augmented by `augmentation` (validated here),
   * computed on the training backend with the function training uses.
   */
  async augmentationPreview(id: DatasetId, sizes: SubsetSizes, seed: number, augmentation: unknown, count = 8, ways = 8): Promise<AugmentationPreview> {
    const parsed = augmentationSchema.safeParse(augmentation);
    if (!parsed.success) throw new Error(problems(parsed.error));
    // Calibration and the search for backends switch tfjs's backend back and forth (one may not have started
    // yet): the preview waits for them, as train does, then runs without a break on the training backend.
    await this.calibrating?.catch(() => null);
    await this.probing?.catch(() => null);
    const data = this.require(id);
    const subsets = this.subsets(id, sizes, seed);
    const k = data.manifest.classNames.length;
    const pick: number[] = [];
    const taken = new Set<number>();
    // Class 0, 1, 2, … in turn, each the first image of that class in the training subset not yet taken.
    for (let round = 0; pick.length < Math.min(count, subsets.train.length) && round < subsets.train.length; round++) {
      const wanted = round % k;
      const i = subsets.train.findIndex((index) => !taken.has(index) && data.train.labels[index] === wanted);
      if (i < 0) continue;
      taken.add(subsets.train[i]);
      pick.push(subsets.train[i]);
    }
    const images = gatherImages(data.train, pick, imageSize(data.manifest));
    const preview = augmentationPreview(images, pick.length, data.manifest.imageShape, parsed.data, seed, ways);
    return Comlink.transfer(preview, [preview.images.buffer]);
  }

  /** Test-subset images by position, for the results strip. */
  testImages(id: DatasetId, sizes: SubsetSizes, seed: number, positions: number[]): Uint8Array {
    const data = this.require(id);
    const subsets = this.subsets(id, sizes, seed);
    return gatherImages(data.test, positions.map((p) => subsets.test[p]), imageSize(data.manifest));
  }

  /**
   * Trains to the end (or until stopped), reporting through `onEvent`. With `runId`, the trained model is
   * kept as that run's (in memory and in storage) for evaluation, prediction and export.
   */
  async train(
    id: DatasetId,
    spec: unknown,
    config: unknown,
    onEvent: (e: TrainEvent) => void,
    runId?: string,
    /** A kept model's run id: training starts from its weights (the architecture must be the same). */
    startFrom?: string,
  ): Promise<TrainingMemory> {
    if (this.run) throw new Error('a training run is already in progress');
    this.requireGpu();
    // A training started during calibration would fight it over the backend: the calibration stops after
    // the backend it is timing, settles on the fastest so far, and the run starts on it.
    if (this.calibrating) this.calibrationCutShort = true;
    await this.calibrating?.catch(() => null);
    await this.probing?.catch(() => null);
    const data = this.require(id);
    const numClasses = data.manifest.classNames.length;
    const model = validModel(spec, data);
    const shape = data.manifest.imageShape;
    const parsed = trainingConfigSchema.safeParse(config);
    if (!parsed.success) throw new Error(problems(parsed.error));
    const cfg: TrainingConfig = parsed.data;
    if (this.backend) {
      const analysis = analyzeModel(model, numClasses);
      const estimate = estimateRunMemory(analysis, {
        optimizer: cfg.optimizer.type,
        batchSize: cfg.batchSize,
        subsets: cfg.subsets,
        imageShape: shape,
      });
      const problem = checkRunMemory(estimate, this.backend.budget);
      if (problem) throw engineError('tooBig', memoryProblemText(problem));
      const slow = checkStepTime(analysis, this.backend.name, hasBatchNorm(model));
      if (slow) throw engineError('tooSlow', stepTimeProblemText(slow));
    }
    const subsets = this.trainingSubsets(id, cfg);
    const size = imageSize(data.manifest);
    const pickFrom = (split: 'train' | 'test', idx: Int32Array) => ({
      images: gatherImages(data[split], idx, size),
      labels: gatherLabels(data[split], idx),
    });
    const trainingData: TrainingData = {
      imageShape: shape,
      numClasses,
      train: pickFrom('train', subsets.train),
      validation: pickFrom('train', subsets.validation),
      test: pickFrom('test', subsets.test),
    };
    const tensorsBefore = tf.memory().numTensors - this.models.tensorCount();
    // A kept model's weights to start from; their shapes are checked against the model the run builds.
    const initial = startFrom ? { weights: (await this.requireModel(startFrom)).getWeights(), from: startFrom } : null;
    const run = new TrainingRun(model, cfg, trainingData, onEvent, runId !== undefined, initial);
    this.run = run;
    this.runId = runId ?? null;
    let unloaded: string[] = [];
    try {
      await run.done;
      if (runId !== undefined && run.model) unloaded = await this.models.keep(runId, run.model, run.keptFrom ?? { epoch: null, source: 'last' });
    } catch (e) {
      // Raw allocation failures become one kind the UI explains (and answers by restarting the engine,
      // since a wasm heap that failed mid-kernel may be left inconsistent).
      const message = e instanceof Error ? e.message : String(e);
      if (engineErrorKind(e) === null && isOutOfMemory(message)) {
        throw engineError('outOfMemory', message);
      }
      throw e;
    } finally {
      this.run = null;
      this.runId = null;
    }
    // The kept models' weights are not a leak: the counts leave them out.
    return { tensorsBefore, tensorsAfter: tf.memory().numTensors - this.models.tensorCount(), unloaded };
  }

  /** The kept models: which are in memory, and their size in storage. */
  keptModels(): Promise<KeptModelInfo[]> {
    return this.models.list();
  }

  async deleteModel(runId: string): Promise<void> {
    await this.models.remove(runId);
  }

  /**
   * Run `runId`'s model on the test images of `split`: the run's own test subset (chosen by `sizes` and
   * `seed`, as the run chose it) or the whole test split. Probabilities come back as one transferable array.
   */
  async evaluateModel(runId: string, id: DatasetId, split: EvaluationSplit, sizes: SubsetSizes, seed: number): Promise<ModelEvaluation> {
    const start = performance.now();
    const model = await this.requireModel(runId);
    const data = this.require(id);
    const testIndices = split === 'full' ? Int32Array.from({ length: data.test.count }, (_, i) => i) : this.subsets(id, sizes, seed).test.slice();
    const images = gatherImages(data.test, testIndices, imageSize(data.manifest));
    const probabilities = await probabilitiesOf(model, images, testIndices.length, data.manifest.imageShape);
    const labels = gatherLabels(data.test, testIndices);
    const metrics = evaluationMetrics(labels, probabilities, data.manifest.classNames.length);
    const evaluation: ModelEvaluation = {
      runId,
      split,
      classNames: data.manifest.classNames,
      labels,
      probabilities,
      testIndices,
      metrics,
      ms: performance.now() - start,
    };
    return Comlink.transfer(evaluation, [labels.buffer, probabilities.buffer, testIndices.buffer, ...metricBuffers(metrics)]);
  }

  /**
   * Bagging: the kept models of `runIds` on the test subset `sizes` and `seed` choose (the one their runs
   * were tested on), each member's accuracy and the accuracy of their averaged probabilities. Here in the
   * worker, so the page never holds every member's probabilities.
   */
  async evaluateEnsemble(runIds: string[], id: DatasetId, sizes: SubsetSizes, seed: number): Promise<EnsembleEvaluation> {
    if (runIds.length < 2) throw new Error(`an ensemble needs at least 2 members with kept models, not ${runIds.length}`);
    const data = this.require(id);
    const k = data.manifest.classNames.length;
    const testIndices = this.subsets(id, sizes, seed).test;
    const images = gatherImages(data.test, testIndices, imageSize(data.manifest));
    const labels = gatherLabels(data.test, testIndices);
    const all: Float32Array[] = [];
    for (const runId of runIds) {
      const model = await this.requireModel(runId);
      all.push(await probabilitiesOf(model, images, testIndices.length, data.manifest.imageShape));
    }
    return {
      members: runIds.map((runId, i) => ({ runId, accuracy: accuracyOf(labels, all[i], k) })),
      accuracy: accuracyOf(labels, averageProbabilities(all), k),
      images: testIndices.length,
    };
  }

  /** Class probabilities of `count` images (N×H×W×C, values in [0, 1]) from run `runId`'s model. */
  async predict(runId: string, pixels: Float32Array, count: number): Promise<Float32Array> {
    const model = await this.requireModel(runId);
    const shape = model.inputs[0].shape.slice(1) as number[];
    const probabilities = tf.tidy(() => tf.softmax(model.predict(tf.tensor(pixels, [count, ...shape])) as tf.Tensor).dataSync() as Float32Array);
    return Comlink.transfer(probabilities, [probabilities.buffer]);
  }

  /**
   * Every layer's output for one image (H×W×C, values in [0, 1]) through run `runId`'s model, and its class
   * probabilities: the feature maps view.
   */
  async inspect(runId: string, pixels: Float32Array): Promise<Inspection> {
    const model = await this.viewModel(runId);
    const { layers, probabilities } = await layerActivations(model, pixels);
    const input = { shape: model.inputs[0].shape.slice(1) as number[], values: pixels.slice() };
    const inspection: Inspection = { runId, input, layers, probabilities };
    return Comlink.transfer(inspection, [input.values.buffer, probabilities.buffer, ...layers.map((l) => l.values.buffer)]);
  }

  /** The kernels and biases of run `runId`'s conv layers. */
  async filters(runId: string): Promise<ConvFilters[]> {
    const filters = await convFilters(await this.viewModel(runId));
    return Comlink.transfer(filters, filters.flatMap((f) => [f.kernel.buffer, f.bias.buffer]));
  }

  /**
   * How number (y, x) of channel `channel` of conv layer `layer` (its spec index) comes about for one image:
   * the window, the weights, their products, sum, bias and activation, beside the model's own value.
   */
  async explainConv(runId: string, pixels: Float32Array, layer: number, channel: number, y: number, x: number): Promise<ConvExplanation> {
    const model = await this.viewModel(runId);
    const e = await explainConv(model, pixels, { layer, channel, y, x });
    return Comlink.transfer(e, [e.patch.buffer, e.kernel.buffer, e.products.buffer]);
  }

  /** Raw test images (uint8, H×W×C each) by their index in the test split. */
  testImagesAt(id: DatasetId, indices: Int32Array): Uint8Array {
    const data = this.require(id);
    const images = gatherImages(data.test, indices, imageSize(data.manifest));
    return Comlink.transfer(images, [images.buffer]);
  }

  /**
   * Run `runId`'s model in the TF.js Layers format, ending in a softmax (the trained model outputs logits),
   * so plain tf.loadLayersModel gives probabilities. `weights` is the binary weights file model.json names.
   */
  async exportModel(runId: string): Promise<{ modelJson: string; weights: ArrayBuffer; weightsFile: string }> {
    const model = await this.requireModel(runId);
    const weightsFile = 'weights.bin';
    let out: { modelJson: string; weights: ArrayBuffer } | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        const weights = a.weightData ? tf.io.CompositeArrayBuffer.join(a.weightData) : new ArrayBuffer(0);
        const modelJson = JSON.stringify({
          modelTopology: withSoftmaxLayer(a.modelTopology),
          format: a.format,
          generatedBy: a.generatedBy,
          convertedBy: a.convertedBy,
          weightsManifest: [{ paths: [`./${weightsFile}`], weights: a.weightSpecs }],
        });
        out = { modelJson, weights };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
      }),
    );
    const result = out as unknown as { modelJson: string; weights: ArrayBuffer };
    return Comlink.transfer({ ...result, weightsFile }, [result.weights]);
  }

  /**
   * Reads a TF.js Layers model (model.json and its weights) back as run `runId`'s kept model, for dataset
   * `id`: its layers become a model spec, its input must be the dataset's images and its outputs its
   * classes; each problem is said specifically and nothing is kept then.
   */
  async importModel(runId: string, id: DatasetId, modelJson: string, weights: ArrayBuffer): Promise<{ spec: ModelSpec; params: number }> {
    let json: { modelTopology?: unknown; weightsManifest?: { weights?: tf.io.WeightsManifestEntry[] }[] };
    try {
      json = JSON.parse(modelJson);
    } catch (e) {
      throw new ImportError(`model.json is not JSON (${(e as Error).message})`);
    }
    const spec = specFromTopology(json.modelTopology);
    const data = this.require(id);
    const checked = validModel(spec, data);
    const weightSpecs = (json.weightsManifest ?? []).flatMap((g) => g.weights ?? []);
    const bytesPer: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
    const expected = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * (bytesPer[w.dtype] ?? 4), 0);
    if (expected !== weights.byteLength) {
      throw new ImportError(`the weights file has ${weights.byteLength.toLocaleString('en')} bytes but model.json describes ${expected.toLocaleString('en')}: choose the weights file saved with this model.json`);
    }
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology as tf.io.ModelJSON['modelTopology'], weightSpecs, weightData: weights }));
    const built = buildModel(checked, { seed: 0 });
    try {
      const problem = weightsMismatch(built, loaded.getWeights());
      if (problem) throw new ImportError(`${problem}, which its layers describe`);
      built.setWeights(loaded.getWeights());
    } catch (e) {
      built.dispose();
      throw e;
    } finally {
      loaded.dispose();
    }
    await this.models.keep(runId, built, { epoch: null, source: 'imported' });
    return { spec: checked, params: built.countParams() };
  }

  /**
   * The model the views inside the network look at: while run `runId` trains, its model as it is now
   * (between two steps: the worker runs one call at a time), else its kept model.
   */
  private async viewModel(runId: string): Promise<tf.LayersModel> {
    // From the end of training until the session keeps it, the run holds its model as `model`.
    const live = this.runId === runId ? (this.run?.liveModel ?? this.run?.model) : null;
    return live ?? this.requireModel(runId);
  }

  private async requireModel(runId: string): Promise<tf.LayersModel> {
    const model = await this.models.get(runId);
    if (!model) throw new Error(`run ${runId} has no kept model (it failed before training, or its model was deleted)`);
    return model;
  }

  /**
   * Times a few real training steps of `spec` (the app's own training loop, after warm-up) on each backend,
   * then trains on the fastest from now on.
   */
  async calibrate(
    id: DatasetId,
    spec: unknown,
    request: CalibrationRequest,
    onProgress?: (p: CalibrationProgress) => void,
  ): Promise<{ result: CalibrationResult; backend: BackendInfo }> {
    if (this.run) throw new Error('cannot calibrate during a training run');
    if (this.calibrating) throw new Error('a calibration is already running');
    const data = this.require(id);
    const numClasses = data.manifest.classNames.length;
    const model = validModel(spec, data);
    const optimizer = optimizerSpecSchema.safeParse(request.optimizer);
    if (!optimizer.success) throw new Error(problems(optimizer.error));
    const count = Math.min(data.train.count, CALIBRATION_IMAGES);
    const input = {
      spec: model,
      imageShape: data.manifest.imageShape,
      numClasses,
      images: data.train.images.subarray(0, count * imageSize(data.manifest)),
      labels: data.train.labels.subarray(0, count),
      optimizer: optimizer.data,
    };
    const backends = request.backends ?? (await this.availableBackends());
    const use = (name: string) => this.useBackend(name as BackendName);
    this.calibrationCutShort = false;
    const job = calibrate(backends, use, input, request, onProgress, this.backend?.name, () => this.calibrationCutShort);
    this.calibrating = job;
    try {
      const result = await job;
      return { result, backend: this.backend! };
    } finally {
      this.calibrating = null;
      this.calibrationCutShort = false;
    }
  }

  /** Optimizer paths on a 2-D test surface (src/engine/paths/request.ts), computed on the cpu backend. */
  async tracePaths(request: unknown): Promise<PathsResult> {
    if (this.run) throw new Error('optimizer paths cannot be computed while a model is training: stop or finish the training run first');
    return tracePathsOnCpu(request);
  }

  pause(): void {
    this.run?.control.pause();
  }

  /** While paused: train one batch, then pause again (the views show what that one step changed). */
  stepOnce(): void {
    this.run?.control.stepOnce();
  }

  resume(): void {
    this.run?.control.resume();
  }

  stop(): void {
    this.run?.control.stop();
  }

  private require(id: DatasetId): DatasetArrays {
    const data = this.datasets.get(id);
    if (!data) throw new Error(`dataset ${id} is not loaded`);
    return data;
  }

  /**
   * The images a run trains and validates on: the subsets its sizes and seed choose, then, for one fold of a
   * cross-validation, the other folds of the training subset against that fold, or, for one member of a
   * bagging ensemble, its bootstrap sample against the validation subset. The test subset never changes, so
   * folds and members are tested on the same images.
   */
  trainingSubsets(id: DatasetId, config: Pick<TrainingConfig, 'subsets' | 'seed' | 'fold' | 'bootstrap'>): Subsets {
    const subsets = this.subsets(id, config.subsets, config.seed);
    if (config.fold) {
      const data = this.require(id);
      return { ...splitFold(subsets.train, data.train.labels, data.manifest.classNames.length, config.fold, config.seed), test: subsets.test };
    }
    if (config.bootstrap) return { ...subsets, train: bootstrapSample(subsets.train, config.bootstrap.member, config.seed) };
    return subsets;
  }

  private subsets(id: DatasetId, sizes: SubsetSizes, seed: number): Subsets {
    const c = this.current;
    if (c && c.id === id && c.seed === seed && JSON.stringify(c.sizes) === JSON.stringify(sizes)) return c.subsets;
    const data = this.require(id);
    const subsets = chooseSubsets(data.train.labels, data.test.labels, sizes, data.manifest.classNames.length, seed);
    this.current = { id, sizes, seed, subsets };
    return subsets;
  }
}

/**
 * The saved topology with a softmax Activation layer appended: the trained model outputs logits (its
 * loss applies the softmax), a downloaded one should give probabilities. No weights change. A Sequential
 * takes it at the end of its list; a functional model (one with blocks) as a layer fed by its output.
 */
function withSoftmaxLayer(topology: tf.io.ModelArtifacts['modelTopology']): unknown {
  const t = structuredClone(topology) as { class_name?: string; config?: { layers?: unknown[]; output_layers?: unknown[][] } } | undefined;
  const softmax = { class_name: 'Activation', config: { name: 'probabilities', trainable: true, dtype: 'float32', activation: 'softmax' } };
  const outputs = t?.config?.output_layers;
  if (t?.class_name !== 'Sequential' && outputs && outputs.length === 1) {
    const [layerName, nodeIndex, tensorIndex] = outputs[0];
    t.config?.layers?.push({ ...softmax, name: 'probabilities', inbound_nodes: [[[layerName, nodeIndex, tensorIndex, {}]]] });
    t.config!.output_layers = [['probabilities', 0, 0]];
    return t;
  }
  t?.config?.layers?.push(softmax);
  return t;
}

function summary(data: DatasetArrays, loadMs: number): LoadedDataset {
  const m = data.manifest;
  return {
    id: m.id as DatasetId,
    name: m.name,
    imageShape: m.imageShape,
    classNames: m.classNames,
    trainCount: m.train.count,
    testCount: m.test.count,
    loadMs,
  };
}
