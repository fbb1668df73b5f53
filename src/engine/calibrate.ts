import type { ModelSpec } from './spec/layers';
import type { TrainingConfig } from './train/config';
import { NO_AUGMENTATION } from './augment/spec';
import type { OptimizerSpec } from './train/optimizerSpec';
import { TrainingRun, type LabelledImages, type TrainingData } from './train/trainer';
import type { Progress } from './train/events';
import {
  DEFAULT_CALIBRATION,
  pickFastest,
  type BackendTiming,
  type CalibrationOptions,
  type CalibrationProgress,
  type CalibrationResult,
} from './calibrationRecord';

// Backend calibration: time a few real training steps of the current model on each backend, through the
// app's own training loop (TrainingRun), and pick the fastest. Plain TypeScript, so it runs in the worker
// and under vitest alike.

export interface CalibrationInput {
  spec: ModelSpec;
  imageShape: [number, number, number];
  numClasses: number;
  /** Real images to train on; reused cyclically when fewer than the steps need. */
  images: Uint8Array;
  labels: Uint8Array;
  optimizer: OptimizerSpec;
}

/** The first `count` images (wrapping around), as a contiguous subset. */
function take(input: CalibrationInput, count: number): LabelledImages {
  const size = input.imageShape[0] * input.imageShape[1] * input.imageShape[2];
  const available = input.labels.length;
  if (available === 0) throw new Error('calibration needs at least one training image');
  const images = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const j = i % available;
    images.set(input.images.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = input.labels[j];
  }
  return { images, labels };
}

/**
 * Runs `steps` training steps with the app's training loop; stops after `maxMs` of training time when given.
 * Resolves with the loop's own progress at the end: steps run and training time (metric reads settled,
 * model building, data upload and the final test excluded).
 */
async function runSteps(input: CalibrationInput, batchSize: number, steps: number, maxMs: number | null, cut: () => boolean = () => false): Promise<Progress> {
  const train = take(input, steps * batchSize);
  const data: TrainingData = {
    imageShape: input.imageShape,
    numClasses: input.numClasses,
    train,
    validation: { images: new Uint8Array(0), labels: new Uint8Array(0) },
    test: take(input, 1), // the loop ends with a test; one image keeps that negligible
  };
  const config: TrainingConfig = {
    optimizer: input.optimizer,
    schedule: { type: 'constant', warmupEpochs: 0 },
    loss: 'crossEntropy', // any loss costs the same next to the model's step
    init: 'auto',
    batchSize,
    epochs: 1,
    seed: 1,
    subsets: { train: train.labels.length, validation: 0, test: 1 },
    l1: 0,
    l2: 0,
    earlyStoppingPatience: 0,
    restoreBestWeights: false,
    augmentation: NO_AUGMENTATION, // calibration times the plain training step
  };
  let end: Progress | null = null;
  const run: TrainingRun = new TrainingRun(input.spec, config, data, (e) => {
    if (e.kind === 'batches' && ((maxMs !== null && e.progress.elapsedMs > maxMs) || cut())) run.control.stop();
    if (e.kind === 'done') end = e.progress;
  });
  await run.done;
  if (!end) throw new Error('the training loop ended without reporting');
  return end;
}

/**
 * Times one backend, already made current by the caller. Errors are returned, not thrown. Null when `cut`
 * said to stop (a run is waiting) before a step was timed.
 */
export async function timeCurrentBackend(backend: string, input: CalibrationInput, options: CalibrationOptions, cut: () => boolean = () => false): Promise<BackendTiming | null> {
  const { batchSize } = options;
  const warmupSteps = options.warmupSteps ?? DEFAULT_CALIBRATION.warmupSteps;
  const timedSteps = options.timedSteps ?? DEFAULT_CALIBRATION.timedSteps;
  const maxMs = options.maxTimedMs ?? DEFAULT_CALIBRATION.maxTimedMs;
  try {
    if (warmupSteps > 0) await runSteps(input, batchSize, warmupSteps, null, cut);
    if (cut()) return null;
    const p = await runSteps(input, batchSize, timedSteps, maxMs, cut);
    if (p.step === 0 && cut()) return null;
    if (p.step === 0 || p.elapsedMs <= 0) return { backend, imagesPerSec: null, error: 'no step completed', steps: p.step };
    return { backend, imagesPerSec: (p.step * batchSize * 1000) / p.elapsedMs, error: null, steps: p.step };
  } catch (e) {
    return { backend, imagesPerSec: null, error: e instanceof Error ? e.message : String(e), steps: 0 };
  }
}

/**
 * Times each backend in turn (`use` makes one current, throwing if it cannot start), then leaves the
 * fastest current. When none trains, the backend current at the start is restored.
 */
export async function calibrate(
  backends: readonly string[],
  use: (backend: string) => Promise<unknown>,
  input: CalibrationInput,
  options: CalibrationOptions,
  onProgress?: (p: CalibrationProgress) => void,
  initial?: string,
  /** Asked before each backend: true when a training run is waiting, which then gets the backend at once. */
  stopEarly: () => boolean = () => false,
): Promise<CalibrationResult> {
  const timings: BackendTiming[] = [];
  const skipped: string[] = [];
  for (const [index, backend] of backends.entries()) {
    if (stopEarly()) {
      skipped.push(backend);
      continue;
    }
    onProgress?.({ backend, index, count: backends.length });
    try {
      await use(backend);
    } catch (e) {
      timings.push({ backend, imagesPerSec: null, error: e instanceof Error ? e.message : String(e), steps: 0 });
      continue;
    }
    const timing = await timeCurrentBackend(backend, input, options, stopEarly);
    if (timing) timings.push(timing);
    else skipped.push(backend);
  }
  const best = pickFastest(timings);
  const settle = best ?? initial;
  if (settle) await use(settle);
  return { timings, best, batchSize: options.batchSize, measuredAt: Date.now(), ...(skipped.length ? { skipped } : {}) };
}
