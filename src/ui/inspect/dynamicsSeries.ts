import type { BatchMetrics, DynamicsLayout } from '../../engine/train/events';
import type { Histogram } from '../../engine/inspect/histogram';
import type { TrainingSnapshot } from '../../engine/inspect/trainingStats';
import { sequential } from './colours';

// Data for the weights-and-gradients views, out of a run's batches and snapshots: plain functions, so
// they are tested without a browser.

/** One chart row: the step and, per weighted layer (key `l<spec index>`), its gradient norm. */
export type NormRow = { step: number } & Record<string, number | null>;

export const layerKey = (layer: number) => `l${layer}`;

/**
 * Gradient norms per layer as chart rows, at most `maxPoints`: consecutive steps are pooled by their
 * geometric mean (the chart's axis is logarithmic, and a norm spans decades), leaving out values that are
 * not positive and finite; a pool with none gives null (a gap, not a zero).
 */
export function gradientNormRows(batches: readonly BatchMetrics[], layout: DynamicsLayout, maxPoints = 300): NormRow[] {
  const withNorms = batches.filter((b) => b.gradNorms && b.gradNorms.length === layout.layers.length);
  const pool = Math.max(1, Math.ceil(withNorms.length / maxPoints));
  const rows: NormRow[] = [];
  for (let start = 0; start < withNorms.length; start += pool) {
    const part = withNorms.slice(start, start + pool);
    const row: NormRow = { step: part[part.length - 1].step + 1 } as NormRow;
    layout.layers.forEach((l, i) => {
      let logSum = 0;
      let n = 0;
      for (const b of part) {
        const v = b.gradNorms![i];
        if (Number.isFinite(v) && v > 0) {
          logSum += Math.log(v);
          n++;
        }
      }
      row[layerKey(l.layer)] = n > 0 ? Math.exp(logSum / n) : null;
    });
    rows.push(row);
  }
  return rows;
}

/** A colour per weighted layer, first to last along the viridis scale, so depth reads from the colour. */
export function layerColour(index: number, count: number): string {
  const [r, g, b] = sequential(count <= 1 ? 0 : index / (count - 1)).map(Math.round);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The range every snapshot of one layer's histograms spans, so they can share one x axis. */
export function sharedRange(histograms: readonly Histogram[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const h of histograms) {
    if (h.counts.every((c) => c === 0)) continue;
    min = Math.min(min, h.min);
    max = Math.max(max, h.max);
  }
  if (min > max) return { min: -1, max: 1 };
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

/** Per ReLU layer, its dead share at the first and the latest snapshot. */
export function deadReluSummary(snapshots: readonly TrainingSnapshot[]): { layer: number; type: string; first: number; latest: number }[] {
  const first = snapshots[0];
  const latest = snapshots[snapshots.length - 1];
  if (!first || !latest) return [];
  return latest.deadRelu.map((d) => ({ layer: d.layer, type: d.type, first: first.deadRelu.find((f) => f.layer === d.layer)?.fraction ?? d.fraction, latest: d.fraction }));
}
