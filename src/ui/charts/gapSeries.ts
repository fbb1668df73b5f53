import type { EpochMetrics } from '../../engine/train/events';

// The overfitting lab's per-epoch loss view: training and validation loss per epoch, the band between them
// (recharts draws an Area from a [low, high] pair) and the epoch of lowest validation loss.

export interface GapPoint {
  /** 1-based, as people count epochs. */
  epoch: number;
  train: number;
  validation: number | null;
  gap: [number, number] | null;
}

export interface GapSeries {
  points: GapPoint[];
  /** 1-based epoch of the lowest validation loss (the first on ties); null without validation. */
  bestEpoch: number | null;
  bestLoss: number | null;
  /** Validation minus training loss at the last epoch: how far the model has overfitted by the end. */
  finalGap: number | null;
}

export function gapSeries(epochs: readonly EpochMetrics[]): GapSeries {
  const points = epochs.map((e): GapPoint => {
    const v = e.valLoss !== null && Number.isFinite(e.valLoss) ? e.valLoss : null;
    return { epoch: e.epoch + 1, train: e.trainLoss, validation: v, gap: v === null ? null : [Math.min(e.trainLoss, v), Math.max(e.trainLoss, v)] };
  });
  let best: GapPoint | null = null;
  for (const p of points) if (p.validation !== null && (best === null || p.validation < best.validation!)) best = p;
  const last = points.at(-1);
  return {
    points,
    bestEpoch: best?.epoch ?? null,
    bestLoss: best?.validation ?? null,
    finalGap: last && last.validation !== null ? last.validation - last.train : null,
  };
}
