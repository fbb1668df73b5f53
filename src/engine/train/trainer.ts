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
import { reluLayers, weightedLayers, type ReluLayer, type WeightedLayer } from '../inspect/layerGroups';
import {
  deadUnitFractions,
  holdSnapshot,
  isSnapshotStep,
  gradientSquareSums,
  layerNorms,
  squareSumCount,
  probeImages,
  readSnapshot,
  snapshotInterval,
  type HeldSnapshot,
} from '../inspect/trainingStats';
import { ScgOptimizer } from '../optimizers/scg';
import { analyzeModel } from '../spec/analyze';
import { hasBatchNorm, MIN_PART_WITH_BATCH_NORM, StepSizer } from './stepParts';
import { augmentBatch } from '../augment/augmentBatch';
import { dropoutLayers, seedDropout } from '../model/dropoutSeeds';
import type { AugmentationSpec } from '../augment/spec';
import { batchLoss } from './losses';
import type { LossType } from './lossSpec';

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
// Histograms read every weight and gradient back: above this many weights a snapshot would stall the run.
const MAX_SNAPSHOT_WEIGHTS = 5_000_000;

/** What the training-dynamics views need while the run lasts. */
interface Dynamics {
  layers: WeightedLayer[];
  relus: ReluLayer[];
  /** Training images the dead-ReLU fractions are measured on. */
  probe: tf.Tensor4D;
  snapshots: boolean;
  totalSteps: number;
}

/** What every step of a run works with: the same for the whole run, for a step whole or in parts. */
interface StepContext {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  guard: DivergenceGuard;
  train: Resident;
  numClasses: number;
  penalty: Penalty | null;
  dynamics: Dynamics;
  augmentation: AugmentationSpec;
  seed: number;
  /** The data loss both step paths minimise and report (and SCG evaluates through the step's loss function). */
  loss: LossType;
  /** The model's Dropout layers, seeded before every forward pass (dropoutSeeds.ts). */
  dropouts: tf.layers.Layer[];
}

export class TrainingRun {
  readonly control = new RunControl();
  readonly done: Promise<void>;
  /** The trained model, when the run was asked to keep it and ended without an error; the caller owns it. */
  model: tf.LayersModel | null = null;
  /** Which epoch's weights the model ends with, and why. */
  keptFrom: KeptMeta | null = null;
  /** The model while it trains: the views inside the network look at it between steps. Null after the run. */
  liveModel: tf.LayersModel | null = null;
  /** Snapshots being read; the run ends only when they are, so none outlives it. */
  private readonly snapshotReads = new Set<Promise<void>>();

  constructor(
    spec: ModelSpec,
    config: TrainingConfig,
    data: TrainingData,
    private readonly emit: (event: TrainEvent) => void,
    private readonly keepModel = false,
    /** Weights to start from instead of the seeded initialisation: a kept model's, from run `from`. */
    private readonly initialWeights: { weights: tf.Tensor[]; from: string } | null = null,
    /** For tests: a fixed part size for every step, and a call after each part of a split step. */
    private readonly parts: { size?: number; onPart?: (step: number, imagesDone: number) => void } = {},
  ) {
    this.done = this.run(spec, config, data);
  }

  private async run(spec: ModelSpec, config: TrainingConfig, data: TrainingData): Promise<void> {
    const model = buildModel(spec, { seed: config.seed, init: config.init });
    // A residual block's main path may hold batch norm too, which needs parts of a reasonable size as well.
    const withBatchNorm = hasBatchNorm(spec);
    const macs = analyzeModel(spec, data.numClasses).totalMacs;
    const sizer = new StepSizer(macs, tf.getBackend(), withBatchNorm ? MIN_PART_WITH_BATCH_NORM : 1);
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
    const probe = tf.tidy(() => train.xs.slice(0, Math.min(probeImages(macs), train.count))) as tf.Tensor4D;
    this.liveModel = model;
    try {
      await this.loop(model, optimizer, guard, config, data, train, validation, probe, sizer);
      if (this.keepModel) this.model = model;
    } finally {
      // Raced with the run's failure: reads from a lost GPU context never settle.
      await this.control.race(Promise.allSettled([...this.snapshotReads])).catch(() => {});
      this.liveModel = null;
      tf.dispose([train.xs, train.labels, probe]);
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
    probe: tf.Tensor4D,
    sizer: StepSizer,
  ): Promise<void> {
    const control = this.control;
    const { batchSize, epochs, seed } = config;
    const batchesPerEpoch = Math.ceil(train.count / batchSize);
    const totalSteps = batchesPerEpoch * epochs;
    const dynamics: Dynamics = {
      layers: weightedLayers(model),
      relus: reluLayers(model),
      probe,
      snapshots: model.countParams() <= MAX_SNAPSHOT_WEIGHTS,
      totalSteps,
    };
    this.emit({
      kind: 'start',
      backend: tf.getBackend(),
      params: model.countParams(),
      batchesPerEpoch,
      totalSteps,
      dynamics: {
        layers: dynamics.layers.map(({ layer, type, size }) => ({ layer, type, size })),
        relus: dynamics.relus.map(({ layer, type }) => ({ layer, type })),
        snapshotEvery: dynamics.snapshots ? snapshotInterval(totalSteps) : null,
        probeImages: probe.shape[0],
      },
    });

    const baseRate = baseLearningRate(config.optimizer);
    const penalty = weightPenalty(model, config);
    // Metrics per step: data loss, accuracy (, penalty) (, the moving statistics' finite check), then each
    // variable's Σ g² (layerNorms makes each weighted layer's gradient norm of them once read).
    const statistics = guard.checksStatistics;
    const base = 2 + (penalty ? 1 : 0) + (statistics ? 1 : 0);
    const width = base + squareSumCount(dynamics.layers);
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
          gradNorms: layerNorms(dynamics.layers, values.subarray(width * i + base, width * (i + 1))),
        }));
        const statisticsCheck = (i: number) => (statistics ? values[width * i + base - 1] : 0);
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
        if (!synchronous) sizer.record(msPerBatch, batchSize);
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
      // When the run fails meanwhile, nobody may be left to await this read: its rejection is not a crash.
      inFlight.catch(() => {});
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

    // On wasm and cpu a step runs to its end before anything else does, so its wall time is its cost.
    const synchronous = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    const splittable = optimizer.constructor !== ScgOptimizer;
    const stepContext: StepContext = { model, optimizer, guard, train, numClasses: data.numClasses, penalty, dynamics, augmentation: config.augmentation, seed, loss: config.loss, dropouts: dropoutLayers(model) };
    /** Between two parts of a long step: messages get in, and a pause lands here. False when the run was stopped. */
    const betweenParts = async (): Promise<boolean> => {
      await control.race(nextTask());
      await pauseIfAsked();
      return !halted();
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
        const part = splittable ? Math.min(idx.length, this.parts.size ?? sizer.partSize(idx.length)) : idx.length;
        const stepStart = performance.now();
        const stepIndexNow = step;
        const result =
          part < idx.length
            ? await this.stepInParts(stepContext, step, idx, part, betweenParts, (ms, n, done) => {
                sizer.record(ms, n);
                this.parts.onPart?.(stepIndexNow, done);
              })
            : this.step(stepContext, step, idx);
        if (!result) break; // stopped between two parts: the step is dropped, the weights are as before it
        if (synchronous && part === idx.length) sizer.record(performance.now() - stepStart, idx.length);
        const { metrics, snapshot } = result;
        if (snapshot) this.readLater(snapshot, dynamics, () => divergence);
        pending.push({ meta: { epoch, batch, step }, metrics });
        step++;
        control.stepDone();
        imagesSeen += idx.length;
        if (pending.length >= group) await settle();
      }
      await settle();
      await inFlight;
      inFlight = null;
      if (halted()) break;
      const validationStart = performance.now();
      const val = validation ? await control.race(evaluate(model, validation.xs, validation.labels, data.numClasses, config.loss)) : null;
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
    await control.race(Promise.allSettled([...this.snapshotReads]));
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
    const test = stopped ? null : await control.race(this.test(model, data, config.loss));
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
  private step(ctx: StepContext, stepIndex: number, indices: Int32Array): { metrics: tf.Tensor1D; snapshot: HeldSnapshot | null } {
    const { model, optimizer, guard, train, numClasses, penalty, dynamics, augmentation, seed, loss: lossType } = ctx;
    // Once per step: SCG's several evaluations of one step then see the same units dropped.
    seedDropout(ctx.dropouts, seed, stepIndex);
    let snapshot: HeldSnapshot | null = null;
    const metrics = tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      // Training batches only (validation and test are evaluated as they are), on the backend, seeded by step.
      const x = augmentBatch(augmentation, tf.gather(train.xs, idx), seed, stepIndex);
      const labels = tf.gather(train.labels, idx);
      const y = tf.oneHot(labels, numClasses);
      let first: tf.Tensor[] | null = null; // [logits, data loss, penalty?], kept out of every tidy
      const statisticsCheck = guard.beforeStep(stepIndex);
      const snapshotNow = dynamics.snapshots && isSnapshotStep(stepIndex, dynamics.totalSteps);
      // Measured before the update, at the weights the step's gradients are taken at.
      const dead = snapshotNow ? deadUnitFractions(model, dynamics.relus, dynamics.probe) : null;
      let norms: tf.Tensor1D | null = null;
      const observe = (grads: tf.NamedTensorMap) => {
        norms = gradientSquareSums(dynamics.layers, grads);
        if (snapshotNow) snapshot = holdSnapshot(stepIndex, model, dynamics.layers, grads, dead);
      };
      const loss = () => {
        const logits = model.apply(x, { training: true }) as tf.Tensor;
        const dataLoss = batchLoss(lossType, y, logits);
        const extra = penalty ? penaltyOf(penalty) : null;
        // dataLoss may be the returned cost, which the optimizer disposes: keep a clone (it shares the data).
        if (!first) first = [logits, dataLoss.clone(), ...(extra ? [extra] : [])].map((t) => tf.keep(t));
        return extra ? (tf.add(dataLoss, extra) as tf.Scalar) : dataLoss;
      };
      // Not instanceof: tf.Optimizer's Symbol.hasInstance makes every optimizer an instance of every subclass.
      const scg = optimizer.constructor === ScgOptimizer ? (optimizer as ScgOptimizer) : null;
      if (scg) {
        // SCG takes the gradient several times per step: it hands over the first, at the current weights.
        scg.observeGradients = observe;
        try {
          scg.minimize(loss);
        } finally {
          scg.observeGradients = null;
        }
      } else {
        // What minimize does, with the gradients seen between computing and applying them.
        const { grads } = optimizer.computeGradients(loss);
        observe(grads);
        optimizer.applyGradients(grads);
      }
      const [logits, dataLoss, ...extra] = first as unknown as tf.Tensor[];
      const correct = tf.equal(tf.argMax(logits, 1), labels).toFloat().mean();
      const scalars = tf.stack([dataLoss, correct, ...extra, ...(statisticsCheck ? [statisticsCheck] : [])]);
      const all = (norms ? tf.concat([scalars, norms as tf.Tensor1D]) : scalars) as tf.Tensor1D;
      tf.dispose([logits, dataLoss, ...extra]); // tf.keep took them out of every tidy
      return all;
    });
    return { metrics, snapshot };
  }

  /**
   * The same step as `step`, its batch taken `part` images at a time (see stepParts.ts): the gradients of
   * the parts, each scaled by its share of the batch, add up to the batch's gradient, which is applied
   * once. `between` runs after every part but the last; when it says the run was stopped, the step is
   * dropped (nothing applied) and null comes back.
   */
  private async stepInParts(
    ctx: StepContext,
    stepIndex: number,
    indices: Int32Array,
    part: number,
    between: () => Promise<boolean>,
    timed: (ms: number, images: number, imagesDone: number) => void,
  ): Promise<{ metrics: tf.Tensor1D; snapshot: HeldSnapshot | null } | null> {
    const { model, optimizer, guard, train, numClasses, penalty, dynamics, augmentation, seed, loss: lossType } = ctx;
    const n = indices.length;
    // In a tidy, as the unsplit step has it: the check's intermediate tensors (one difference and one sum
    // per moving statistic) were left behind at every split step of a model with batch norm.
    const statisticsCheck = guard.checksStatistics ? tf.tidy(() => guard.beforeStep(stepIndex) as tf.Scalar) : guard.beforeStep(stepIndex);
    const snapshotNow = dynamics.snapshots && isSnapshotStep(stepIndex, dynamics.totalSteps);
    const dead = snapshotNow ? deadUnitFractions(model, dynamics.relus, dynamics.probe) : null;
    let grads: tf.NamedTensorMap = {};
    let loss: tf.Scalar = tf.scalar(0);
    let correct: tf.Scalar = tf.scalar(0);
    let extra: tf.Scalar | null = null;
    // The whole batch augmented once, as an unsplit step would: parts are slices of it, so the augmented
    // images do not depend on the part size (which follows measured timings).
    const batch = tf.tidy(() => augmentBatch(augmentation, tf.gather(train.xs, tf.tensor1d(indices, 'int32')), seed, stepIndex));
    try {
      for (let start = 0; start < n; start += part) {
        const partStart = performance.now();
        const slice = indices.subarray(start, Math.min(n, start + part));
        const share = slice.length / n;
        const withPenalty = start === 0 && penalty !== null; // the penalty's gradient once per step, not per part
        seedDropout(ctx.dropouts, seed, stepIndex, start);
        const next = tf.tidy(() => {
          const idx = tf.tensor1d(slice, 'int32');
          const x = batch.slice(start, slice.length);
          const labels = tf.gather(train.labels, idx);
          const y = tf.oneHot(labels, numClasses);
          let measured: tf.Tensor[] = [];
          const { grads: partGrads } = optimizer.computeGradients(() => {
            const logits = model.apply(x, { training: true }) as tf.Tensor;
            const dataLoss = batchLoss(lossType, y, logits);
            const partPenalty = withPenalty ? penaltyOf(penalty!) : null;
            if (measured.length === 0) measured = [dataLoss, tf.equal(tf.argMax(logits, 1), labels).toFloat().mean(), ...(partPenalty ? [partPenalty] : [])].map((t) => tf.keep(t.clone()));
            const scaled = tf.mul(dataLoss, share) as tf.Scalar;
            return partPenalty ? (tf.add(scaled, partPenalty) as tf.Scalar) : scaled;
          });
          const [partLoss, partCorrect, partPenalty] = measured;
          const sum: tf.NamedTensorMap = {};
          for (const [name, g] of Object.entries(partGrads)) sum[name] = grads[name] ? tf.add(grads[name], g) : g;
          const result = {
            sum,
            loss: tf.add(loss, tf.mul(partLoss, share)) as tf.Scalar,
            correct: tf.add(correct, tf.mul(partCorrect, share)) as tf.Scalar,
            penalty: partPenalty ? [partPenalty.clone() as tf.Scalar] : [],
          };
          tf.dispose(measured);
          return result;
        });
        tf.dispose([...Object.values(grads), loss, correct]);
        grads = next.sum;
        loss = next.loss;
        correct = next.correct;
        if (next.penalty.length > 0) extra = next.penalty[0];
        if (start + part >= n) break;
        await this.control.race(loss.data()); // on a GPU backend, the part is done when its loss can be read
        timed(performance.now() - partStart, slice.length, start + slice.length);
        if (!(await between())) return null;
      }
      let snapshot: HeldSnapshot | null = null;
      const metrics = tf.tidy(() => {
        const norms = gradientSquareSums(dynamics.layers, grads);
        if (snapshotNow) snapshot = holdSnapshot(stepIndex, model, dynamics.layers, grads, dead);
        optimizer.applyGradients(grads);
        const scalars = tf.stack([loss, correct, ...(extra ? [extra] : []), ...(statisticsCheck ? [statisticsCheck] : [])]);
        return tf.concat([scalars, norms]) as tf.Tensor1D;
      });
      return { metrics, snapshot };
    } finally {
      tf.dispose([batch, ...Object.values(grads), loss, correct, ...(extra ? [extra] : []), ...(statisticsCheck ? [statisticsCheck] : []), ...(dead ? [dead] : [])]);
    }
  }

  /** Reads a snapshot while training goes on and reports it, unless the run diverged at or before its step. */
  private readLater(held: HeldSnapshot, dynamics: Dynamics, divergence: () => Divergence | null): void {
    const read: Promise<void> = readSnapshot(held, dynamics.layers, dynamics.relus)
      .then((snapshot) => {
        const d = divergence();
        if (!d || snapshot.step < d.step) this.emit({ kind: 'snapshot', snapshot });
      })
      .catch(() => {
        // A snapshot that cannot be read (the run failed meanwhile) is only a missing point on a chart.
      })
      .finally(() => this.snapshotReads.delete(read));
    this.snapshotReads.add(read);
  }

  private async test(model: tf.LayersModel, data: TrainingData, loss: TrainingConfig['loss']): Promise<TestResult> {
    const test = upload(data.test, data.imageShape);
    try {
      const result = await evaluate(model, test.xs, test.labels, data.numClasses, loss);
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
