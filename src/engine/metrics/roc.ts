// One-vs-rest ROC curves and their AUC.

import { splitScores, thresholdCounts, type ThresholdCounts } from './thresholds';

export interface RocCurve {
  /** False-positive rate FP / negatives, from 0 to 1; starts at the point (0, 0). */
  fpr: Float64Array;
  /** True-positive rate (recall) TP / positives. */
  tpr: Float64Array;
  /** Area under the curve (trapezoids). */
  auc: number;
}

/**
 * The ROC curve from threshold counts: one point per distinct score plus (0, 0). Null when either rate is
 * undefined: no positives (a class with no images: its AUC is undefined too) or no negatives.
 *
 * The trapezoid area equals the Mann–Whitney probability that a random positive scores above a random
 * negative, a tie counting ½: a tied group of a positives and b negatives adds the triangle a·b/2 on top of
 * the rectangle (positives above) × b. It is summed in whole counts and divided once, so it is exact.
 */
export function rocFromCounts(counts: ThresholdCounts): RocCurve | null {
  const { tp, fp, positives, negatives } = counts;
  if (positives === 0 || negatives === 0) return null;
  const fpr = new Float64Array(tp.length + 1);
  const tpr = new Float64Array(tp.length + 1);
  let twiceArea = 0; // in units of 1 / (positives × negatives)
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tp.length; k++) {
    twiceArea += (fp[k] - prevFp) * (tp[k] + prevTp);
    fpr[k + 1] = fp[k] / negatives;
    tpr[k + 1] = tp[k] / positives;
    prevTp = tp[k];
    prevFp = fp[k];
  }
  return { fpr, tpr, auc: twiceArea / (2 * positives * negatives) };
}

export function rocCurve(labels: Uint8Array, probabilities: Float32Array, classes: number, c: number): RocCurve | null {
  const { pos, neg } = splitScores(labels, probabilities, classes, c);
  return rocFromCounts(thresholdCounts(pos, neg));
}

export interface MacroAuc {
  /** Unweighted mean of the defined per-class AUCs; null if none is defined. */
  auc: number | null;
  /** How many classes it averages (those with both images and non-images). */
  classesCounted: number;
}

/** The macro AUC: the mean over the classes whose AUC is defined (a class with no images has none). */
export function macroAuc(curves: Array<RocCurve | null>): MacroAuc {
  const defined = curves.filter((c): c is RocCurve => c !== null);
  return { auc: defined.length ? defined.reduce((s, c) => s + c.auc, 0) / defined.length : null, classesCounted: defined.length };
}
