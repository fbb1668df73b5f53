// One-vs-rest precision–recall curves and average precision.

import { splitScores, thresholdCounts, type ThresholdCounts } from './thresholds';

export interface PrecisionRecallCurve {
  /** Recall TP / positives at each threshold, rising; the first point is (recall 0, precision 1). */
  recall: Float64Array;
  /** Precision TP / (TP + FP) at each threshold. */
  precision: Float64Array;
  /**
   * Average precision: Σ (Rₖ − Rₖ₋₁) · Pₖ over the thresholds, highest first, with R₀ = 0 — the area under
   * the step curve, not interpolated (scikit-learn's average_precision_score).
   */
  averagePrecision: number;
}

/**
 * Null when the class has no images (recall is undefined at every threshold). The (0, 1) start point is
 * scikit-learn's convention for drawing: before the first threshold nothing is predicted.
 */
export function precisionRecallFromCounts(counts: ThresholdCounts): PrecisionRecallCurve | null {
  const { tp, fp, positives } = counts;
  if (positives === 0) return null;
  const recall = new Float64Array(tp.length + 1);
  const precision = new Float64Array(tp.length + 1);
  precision[0] = 1;
  let ap = 0;
  for (let k = 0; k < tp.length; k++) {
    recall[k + 1] = tp[k] / positives;
    precision[k + 1] = tp[k] / (tp[k] + fp[k]); // ≥ 1 image scores at or above every threshold
    ap += (recall[k + 1] - recall[k]) * precision[k + 1];
  }
  return { recall, precision, averagePrecision: ap };
}

export function precisionRecallCurve(labels: Uint8Array, probabilities: Float32Array, classes: number, c: number): PrecisionRecallCurve | null {
  const { pos, neg } = splitScores(labels, probabilities, classes, c);
  return precisionRecallFromCounts(thresholdCounts(pos, neg));
}
