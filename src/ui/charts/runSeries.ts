import type { BatchMetrics, EpochMetrics } from '../../engine/train/events';
import type { TrainingConfig } from '../../engine/train/config';
import type { Progress } from '../../engine/train/events';
import { batchesPerEpoch } from '../../state/runs';
import { downsample, smooth, type Point } from './series';

// Chart lines for many runs on one shared x-axis.

export type XAxisMode = 'epochs' | 'images' | 'time';
export const X_AXIS_MODES: readonly XAxisMode[] = ['epochs', 'images', 'time'];
export type Metric = 'loss' | 'accuracy';

/** What the x conversion needs to know about a run. */
export interface RunTimeline {
  config: Pick<TrainingConfig, 'batchSize' | 'subsets'>;
  progress: Pick<Progress, 'batchesPerEpoch'> | null;
  timeMarks: [number, number][];
}

/** Training ms after `steps` steps: linear between the reads the trainer reported, from (0, 0). */
export function trainingMsAt(marks: [number, number][], steps: number): number {
  let prevStep = 0;
  let prevMs = 0;
  for (const [step, ms] of marks) {
    if (steps <= step) return step === prevStep ? ms : prevMs + ((steps - prevStep) / (step - prevStep)) * (ms - prevMs);
    prevStep = step;
    prevMs = ms;
  }
  return prevMs; // no read at or after `steps` yet
}

/** The x of the moment `steps` steps were done: in epochs, training images seen, or seconds of training. */
export function xAt(run: RunTimeline, steps: number, mode: XAxisMode): number {
  switch (mode) {
    case 'epochs':
      return steps / batchesPerEpoch(run);
    case 'images': {
      // The last batch of an epoch may be short, so count whole epochs by the subset size.
      const perEpoch = batchesPerEpoch(run);
      const epochs = Math.floor(steps / perEpoch);
      const within = steps - epochs * perEpoch;
      const train = run.config.subsets.train;
      return epochs * train + Math.min(within * run.config.batchSize, train);
    }
    case 'time':
      return trainingMsAt(run.timeMarks, steps) / 1000;
  }
}

export interface SeriesOptions {
  smoothing: number;
  maxPoints: number;
  /** Values are clamped to at least this (log scales cannot show 0). */
  floor?: number;
}

const clamp = (v: number, floor?: number) => (floor !== undefined && !(v >= floor) && !Number.isNaN(v) ? floor : v);

/** Per-batch metric, smoothed then downsampled; x after each batch's step. */
export function trainingLine(run: RunTimeline & { batches: BatchMetrics[] }, metric: Metric, mode: XAxisMode, opt: SeriesOptions): Point[] {
  // A diverged run ends on a NaN or infinite loss: it has no place on an axis (the run's status names it),
  // and one NaN would turn every smoothed point after it into NaN.
  const batches = run.batches.filter((b) => Number.isFinite(b[metric]));
  const smoothed = smooth(batches.map((b) => b[metric]), opt.smoothing);
  const points = batches.map((b, i) => ({ x: xAt(run, b.step + 1, mode), y: clamp(smoothed[i], opt.floor) }));
  return downsample(points, opt.maxPoints);
}

/** Validation metric at the end of each epoch that had a validation set. */
export function validationLine(run: RunTimeline & { epochs: EpochMetrics[] }, metric: Metric, mode: XAxisMode, floor?: number): Point[] {
  const perEpoch = batchesPerEpoch(run);
  return run.epochs.flatMap((e) => {
    const y = metric === 'loss' ? e.valLoss : e.valAccuracy;
    return y === null || !Number.isFinite(y) ? [] : [{ x: xAt(run, (e.epoch + 1) * perEpoch, mode), y: clamp(y, floor) }];
  });
}

export interface RunLines {
  id: string;
  name: string;
  colour: string;
  train: Point[];
  validation: Point[];
}

type ChartRun = RunTimeline & { id: string; name: string; colour: string; hidden: boolean; status: string; batches: BatchMetrics[]; epochs: EpochMetrics[] };

// A finished run's batches never change, so its smoothed line is built once per axis and metric.
const cache = new WeakMap<BatchMetrics[], Map<string, Point[]>>();

function cachedTrainingLine(run: ChartRun, metric: Metric, mode: XAxisMode, opt: SeriesOptions): Point[] {
  let lines = cache.get(run.batches);
  if (!lines) cache.set(run.batches, (lines = new Map()));
  const key = `${metric}/${mode}/${opt.smoothing}/${opt.maxPoints}/${opt.floor}/${run.timeMarks.length}`;
  let line = lines.get(key);
  if (!line) lines.set(key, (line = trainingLine(run, metric, mode, opt)));
  return line;
}

/**
 * Lines of every visible run that has points or is starting to train, in run order. A starting run gets
 * its (empty) lines at once: mounting a recharts line is the costly part, better done before the first
 * points arrive, while the engine is still building the model.
 */
export function chartLines(runs: readonly ChartRun[], metric: Metric, mode: XAxisMode, opt: SeriesOptions): RunLines[] {
  return runs
    .filter((r) => !r.hidden && (r.batches.length > 0 || r.epochs.length > 0 || r.status === 'starting' || r.status === 'running'))
    .map((r) => ({
      id: r.id,
      name: r.name,
      colour: r.colour,
      train: cachedTrainingLine(r, metric, mode, opt),
      validation: validationLine(r, metric, mode, opt.floor),
    }));
}

/**
 * Where the x-axis ends: the planned end of the longest visible run (its epochs, or its images), so the
 * axis stays fixed while runs train. Null for wall time, which is known only afterwards.
 */
export function plannedXMax(runs: readonly { hidden: boolean; config: Pick<TrainingConfig, 'epochs' | 'subsets'> }[], mode: XAxisMode): number | null {
  if (mode === 'time') return null;
  const shown = runs.filter((r) => !r.hidden);
  if (shown.length === 0) return null;
  return Math.max(...shown.map((r) => (mode === 'epochs' ? r.config.epochs : r.config.epochs * r.config.subsets.train)));
}
