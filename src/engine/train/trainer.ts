import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../spec/layers';
import { buildModel } from '../model/build';
import { rng, shuffleInPlace } from '../data/random';
import type { TrainingConfig } from './config';
import { baseLearningRate, createOptimizer, setLearningRate } from './optimizers';
import { learningRateFactor } from './schedule';
import { RunControl, nextTask } from './control';
import { evaluate } from './evaluate';
import type { BatchMetrics, EarlyStop, Progress, TestResult, TrainEvent } from './events';
import { DivergenceGuard, nonFinite, type Divergence } from './divergence';
import type { KeptMeta } from '../models/registry';
import { weightsMismatch } from '../models/weightShapes';
import { augmentBatch } from '../augment/augmentBatch';
import type { AugmentationSpec } from '../augment/spec';

/** A subset already gathered into contiguous uint8 arrays. */
export interface LabelledImages {
  images: Uint8Array;
  labels: Uint8Array;
}

export interface TrainingData {
  imageShape: [number, number, number];
  numClasses: number;
  train: LabelledImages;
  validation: LabelledImages;
  test: LabelledImages;
}

interface Resident {
  xs: tf.Tensor4D;
  labels: tf.Tensor1D;
  count: number;
}

/** Uploads once: batches are then gathered on the backend, never re-sent from JS. */
function upload(set: LabelledImages, [h, w, c]: [number, number, number]): Resident {
  const count = set.labels.length;
  const xs = tf.tidy(() => tf.tensor4d(set.images, [count, h, w, c], 'int32').toFloat().div(255)) as tf.Tensor4D;
  const labels = tf.tensor1d(set.labels, 'int32');
  return { xs, labels, count };
}

/** L1/L2 weight decay on the layers' kernels (conv, depthwise and dense; not biases or batch-norm scales). */
interface Penalty {
  kernels: tf.Variable[];
  l1: number;
  l2: number;
}

function weightPenalty(model: tf.LayersModel, config: TrainingConfig): Penalty | null {
  const { l1, l2 } = config;
  if (l1 === 0 && l2 === 0) return null;
  const kernels = model.trainableWeights.filter((w) => /kernel$/.test(w.originalName)).map((w) => w.read() as tf.Variable);
  return kernels.length > 0 ? { kernels, l1, l2 } : null;
}

/** l1·Σ|w| + l2·Σw² over the kernels. */
function penaltyOf({ kernels, l1, l2 }: Penalty): tf.Scalar {
  const terms: tf.Scalar[] = [];
  if (l1 > 0) terms.push(tf.mul(l1, tf.addN(kernels.map((k) => tf.sum(tf.abs(k))))));
  if (l2 > 0) terms.push(tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k))))));
  return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
}

// Reading metrics back stalls the GPU pipeline, so they are read in groups, asynchronously,
// aiming at a few chart updates a second.
const TARGET_READ_MS = 150;
const MAX_GROUP = 32;
const GUARD_BYTES = 256 * 2 ** 20;

export class TrainingRun {
  readonly control = new RunControl();
  readonly done: Promise<void>;
  /** The trained model, when the run was asked to keep it and ended without an error; the caller owns it. */
  model: tf.LayersModel | null = null;
  /** Which epoch's weights the model ends with, and why. */
  keptFrom: KeptMeta | null = null;

  constructor(
    spec: ModelSpec,
    config: TrainingConfig,
    data: TrainingData,
    private readonly emit: (event: TrainEvent) => void,
    private readonly keepModel = false,
    /** Weights to start from instead of the seeded initialisation: a kept model's, from run `from`. */
    private readonly initialWeights: { weights: tf.Tensor[]; from: string } | null = null,
  ) {
    this.done = this.run(spec, config, data);
  }

  private async run(spec: ModelSpec, config: TrainingConfig, data: TrainingData): Promise<void> {
    const model = buildModel(spec, { seed: config.seed });
    if (this.initialWeights) {
      const problem = weightsMismatch(model, this.initialWeights.weights);
      if (problem) {
        model.dispose();
        throw new Error(`the model was changed since run ${this.initialWeights.from}: ${problem} — load that run's model again, or train from scratch`);
      }
      model.setWeights(this.initialWeights.weights);
    }
    const optimizer = createOptimizer(config.optimizer);
    const guard = new DivergenceGuard(model.weights);
    const train = upload(data.train, data.imageShape);
    const validation = data.validation.labels.length > 0 ? upload(data.validation, data.imageShape) : null;
    try {
      await this.loop(model, optimizer, guard, config, data, train, validation);
      if (this.keepModel) this.model = model;
    } finally {
      tf.dispose([train.xs, train.labels]);
      if (validation) tf.dispose([validation.xs, validation.labels]);
      guard.dispose();
      optimizer.dispose();
      if (this.model !== model) model.dispose();
    }
  }

  private async loop(
    model: tf.LayersModel,
    optimizer: tf.Optimizer,
    guard: DivergenceGuard,
    config: TrainingConfig,
    data: TrainingData,
    train: Resident,
    validation: Resident | null,
  ): Promise<void> {
    const control = this.control;
    const { batchSize, epochs, seed } = config;
    const batchesPerEpoch = Math.ceil(train.count / batchSize);
    const totalSteps = batchesPerEpoch * epochs;
    this.emit({ kind: 'start', backend: tf.getBackend(), params: model.countParams(), batchesPerEpoch, totalSteps });

    const baseRate = baseLearningRate(config.optimizer);
    const penalty = weightPenalty(model, config);
    // Metrics per step: data loss, accuracy (, penalty) (, the moving statistics' finite check).
    const statistics = guard.checksStatistics;
    const width = 2 + (penalty ? 1 : 0) + (statistics ? 1 : 0);
    // The divergence guard holds the weights of every step not read yet: keep that to about 256 MB.
    const maxGroup = Math.max(1, Math.min(MAX_GROUP, Math.floor(GUARD_BYTES / 2 / Math.max(1, model.countParams() * 4))));
    let step = 0;
    let imagesSeen = 0;
    let trainingMs = 0; // excludes pauses and validation
    let sliceStart = performance.now();
    let group = 1;
    let pending: { meta: Omit<BatchMetrics, 'loss' | 'accuracy' | 'penalty'>; metrics: tf.Tensor1D }[] = [];
    let inFlight: Promise<void> | null = null;
    let epochLoss = 0;
    let epochCorrect = 0;
    let epochSeen = 0;
    let divergence: Divergence | null = null;
    const halted = () => control.stopped || divergence !== null;

    const progress = (epoch: number, batch: number): Progress => {
      const perStep = step > 0 ? trainingMs / step : 0;
      return {
        epoch,
        batch,
        batchesPerEpoch,
        epochs,
        step,
        totalSteps,
        imagesPerSec: trainingMs > 0 ? (imagesSeen / trainingMs) * 1000 : 0,
        elapsedMs: trainingMs,
        etaMs: perStep * (totalSteps - step),
      };
    };

    const flush = (): Promise<void> => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return Promise.resolve();
      const stacked = tf.stack(batch.map((p) => p.metrics));
      tf.dispose(batch.map((p) => p.metrics));
      return control.race(stacked.data()).then((values) => {
        stacked.dispose();
        const now = performance.now();
        trainingMs += now - sliceStart;
        sliceStart = now;
        let items = batch.map((p, i) => ({
          ...p.meta,
          loss: values[width * i],
          accuracy: values[width * i + 1],
          penalty: penalty ? values[width * i + 2] : 0,
        }));
        const statisticsCheck = (i: number) => (statistics ? values[width * i + width - 1] : 0);
        if (divergence) return; // steps after the first bad one trained on broken weights: not reported
        const badValue = (item: (typeof items)[number], i: number) => nonFinite(item.loss) ?? nonFinite(item.penalty) ?? nonFinite(statisticsCheck(i));
        const bad = items.findIndex(badValue);
        if (bad >= 0) {
          divergence = { step: items[bad].step, value: badValue(items[bad], bad)! };
          items = items.slice(0, bad + 1);
        }
        const lastGood = bad >= 0 ? bad - 1 : items.length - 1;
        if (lastGood >= 0) guard.confirm(items[lastGood].step);
        for (const item of items) {
          if (nonFinite(item.loss)) continue;
          epochLoss += item.loss * batchSize;
          epochCorrect += item.accuracy * batchSize;
          epochSeen += batchSize;
        }
        const last = items[items.length - 1];
        // Grow or shrink the group so reads land about TARGET_READ_MS apart.
        const msPerBatch = trainingMs / Math.max(1, step);
        group = Math.max(1, Math.min(maxGroup, Math.round(TARGET_READ_MS / Math.max(1, msPerBatch))));
        this.emit({ kind: 'batches', items, progress: progress(last.epoch, last.batch) });
      });
    };

    /**
     * Waits for the read before last, so one read is always in flight while the GPU keeps working; then
     * lets pending messages (pause, stop) in, a few times a second.
     */
    const settle = async (): Promise<void> => {
      if (inFlight) await inFlight;
      inFlight = flush();
      await control.race(nextTask());
    };

    const pauseIfAsked = async (): Promise<void> => {
      if (!control.paused) return;
      await settle();
      await inFlight;
      if (halted()) return;
      trainingMs += performance.now() - sliceStart;
      this.emit({ kind: 'paused' });
      await control.waitWhilePaused();
      sliceStart = performance.now();
      if (!control.stopped) this.emit({ kind: 'resumed' });
    };

    const patience = config.earlyStoppingPatience;
    let best = { epoch: -1, valLoss: Infinity };
    let earlyStop: EarlyStop | null = null;
    let bestWeights: tf.Tensor[] | null = null;

    const order = new Int32Array(train.count);
    for (let epoch = 0; epoch < epochs && !halted(); epoch++) {
      for (let i = 0; i < order.length; i++) order[i] = i;
      shuffleInPlace(order, rng(seed, `epoch${epoch}`));
      epochLoss = epochCorrect = epochSeen = 0;
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        await pauseIfAsked();
        if (halted()) break;
        const idx = order.subarray(batch * batchSize, Math.min((batch + 1) * batchSize, train.count));
        if (baseRate !== null) {
          setLearningRate(optimizer, baseRate * learningRateFactor(config.schedule, step, batchesPerEpoch, totalSteps));
        }
        const metrics = this.step(model, optimizer, guard, step, train, idx, data.numClasses, penalty, config.augmentation, seed);
        pending.push({ meta: { epoch, batch, step }, metrics });
        step++;
        imagesSeen += idx.length;
        if (pending.length >= group) await settle();
      }
      await settle();
      await inFlight;
      inFlight = null;
      if (halted()) break;
      const validationStart = performance.now();
      const val = validation ? await control.race(evaluate(model, validation.xs, validation.labels, data.numClasses)) : null;
      sliceStart += performance.now() - validationStart;
      this.emit({
        kind: 'epoch',
        metrics: {
          epoch,
          trainLoss: epochSeen ? epochLoss / epochSeen : 0,
          trainAccuracy: epochSeen ? epochCorrect / epochSeen : 0,
          valLoss: val?.loss ?? null,
          valAccuracy: val?.accuracy ?? null,
        },
      });
      // Early stopping: only a strictly lower validation loss counts as progress. The best epoch's weights
      // are held by reference (no copy: optimizers assign new tensors), to be restored at the end.
      if (patience > 0 && val) {
        if (val.loss < best.valLoss) {
          best = { epoch, valLoss: val.loss };
          if (config.restoreBestWeights) {
            tf.dispose(bestWeights ?? []);
            bestWeights = model.weights.map((w) => tf.keep(w.read().clone()));
          }
        }
        else if (epoch - best.epoch >= patience && epoch < epochs - 1) {
          earlyStop = { epoch, bestEpoch: best.epoch, bestValLoss: best.valLoss, patience };
          break;
        }
      }
    }
    await settle();
    await inFlight;
    if (control.error) throw control.error;

    const stopped = control.stopped;
    // A diverged run's model is the one from before its loss went bad: that is the one tested (and kept).
    const diverged = divergence as Divergence | null;
    let restoredBest: number | null = null;
    if (diverged) guard.restore();
    else if (bestWeights && best.epoch >= 0) {
      // As Keras's restore_best_weights: the model (tested and kept) is the best validation epoch's.
      const held = bestWeights;
      model.weights.forEach((w, i) => w.write(held[i]));
      restoredBest = best.epoch;
    }
    tf.dispose(bestWeights ?? []);
    const test = stopped ? null : await control.race(this.test(model, data));
    // Where the last reported step landed, so a finished run reads "epoch 2/2 · batch 313/313".
    const last = diverged ? diverged.step : Math.max(0, step - 1);
    this.keptFrom =
      restoredBest !== null
        ? { epoch: restoredBest, source: 'best' }
        : { epoch: Math.floor(last / batchesPerEpoch), source: diverged ? 'beforeDivergence' : 'last' };
    this.emit({
      kind: 'done',
      stopped,
      earlyStop,
      divergence: diverged,
      weightsFrom: this.keptFrom,
      test,
      progress: progress(Math.floor(last / batchesPerEpoch), last % batchesPerEpoch),
    });
  }

  /**
   * One optimizer step; returns [data loss, accuracy] at the weights before the step, with the penalty
   * third when there is one, still on the backend. Some optimizers (SCG) evaluate the loss function several times, at trial weights too: the
   * metrics come from the first evaluation, the one at the current weights.
   */
  private step(
    model: tf.LayersModel,
    optimizer: tf.Optimizer,
    guard: DivergenceGuard,
    stepIndex: number,
    train: Resident,
    indices: Int32Array,
    numClasses: number,
    penalty: Penalty | null,
    augmentation: AugmentationSpec,
    seed: number,
  ): tf.Tensor1D {
    return tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      // Training batches only (validation and test are evaluated as they are), on the backend, seeded by step.
      const x = augmentBatch(augmentation, tf.gather(train.xs, idx), seed, stepIndex);
      const labels = tf.gather(train.labels, idx);
      const y = tf.oneHot(labels, numClasses);
      let first: tf.Tensor[] | null = null; // [logits, data loss, penalty?], kept out of every tidy
      const statisticsCheck = guard.beforeStep(stepIndex);
      optimizer.minimize(() => {
        const logits = model.apply(x, { training: true }) as tf.Tensor;
        const dataLoss = tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
        const extra = penalty ? penaltyOf(penalty) : null;
        // dataLoss may be the returned cost, which minimize disposes: keep a clone (it shares the data).
        if (!first) first = [logits, dataLoss.clone(), ...(extra ? [extra] : [])].map((t) => tf.keep(t));
        return extra ? (tf.add(dataLoss, extra) as tf.Scalar) : dataLoss;
      });
      const [logits, dataLoss, ...extra] = first as unknown as tf.Tensor[];
      const correct = tf.equal(tf.argMax(logits, 1), labels).toFloat().mean();
      const metrics = tf.stack([dataLoss, correct, ...extra, ...(statisticsCheck ? [statisticsCheck] : [])]) as tf.Tensor1D;
      tf.dispose([logits, dataLoss, ...extra]); // tf.keep took them out of every tidy
      return metrics;
    });
  }

  private async test(model: tf.LayersModel, data: TrainingData): Promise<TestResult> {
    const test = upload(data.test, data.imageShape);
    try {
      const result = await evaluate(model, test.xs, test.labels, data.numClasses);
      const confusion = Array.from({ length: data.numClasses }, () => new Array<number>(data.numClasses).fill(0));
      data.test.labels.forEach((label, i) => confusion[label][result.predictions[i]]++);
      const samples = Array.from({ length: Math.min(24, test.count) }, (_, i) => ({
        index: i,
        label: data.test.labels[i],
        predicted: result.predictions[i],
        confidence: result.confidences[i],
      }));
      return { loss: result.loss, accuracy: result.accuracy, confusion, samples };
    } finally {
      tf.dispose([test.xs, test.labels]);
    }
  }
}
