// Histograms of a layer's weights or gradients, as TensorBoard draws them over training: equal-width bins
// between the values' own min and max, so a layer whose weights spread out or collapse shows it at once.

export interface Histogram {
  min: number;
  max: number;
  /** counts[b] values fall in bin b of `counts.length` equal bins over [min, max]; they sum to the number of values. */
  counts: Uint32Array;
  /** Values that were not finite (left out of the bins, never hidden). */
  nonFinite: number;
}

export const HISTOGRAM_BINS = 30;

/** Equal-width histogram; the maximum falls in the last bin. All-equal values land in one middle bin. */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`a histogram needs at least 1 bin, got ${bins}`);
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Uint32Array(bins);
  if (min > max) return { min: 0, max: 0, counts, nonFinite };
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = width === 0 ? Math.floor(bins / 2) : Math.min(bins - 1, Math.floor((v - min) / width));
    counts[b]++;
  }
  return { min, max, counts, nonFinite };
}
