// Per-class precision, recall, F1 and support from a confusion matrix, and their averages.
//
// Undefined values are null, never 0 or NaN, so the UI can say why (it shows "—" with a tooltip):
// - precision of a class that is never predicted (TP + FP = 0): "never predicted: precision is undefined";
// - recall of a class with no images (TP + FN = 0): "no test images of this class: recall is undefined";
// - F1 of a class that is neither in the images nor predicted (2TP + FP + FN = 0).
// F1 is computed as 2TP / (2TP + FP + FN), which equals 2PR / (P + R) whenever both are defined and not
// both 0, and is 0 (not undefined) for a class that has images but is never predicted (scikit-learn ≥ 1.3
// does the same).

import type { ConfusionMatrix } from './confusion';

export interface ClassMetrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Images of this class (TP + FN). */
  support: number;
  /** How often the class was predicted (TP + FP). */
  predicted: number;
  truePositives: number;
}

export interface AverageMetrics {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Averages {
  /** Unweighted mean over the classes counted (see `classesCounted`). */
  macro: AverageMetrics;
  /** Mean weighted by support (classes without images weigh 0). */
  weighted: AverageMetrics;
  /** From the summed TP, FP, FN over all classes; with one label per image all three equal the accuracy. */
  micro: AverageMetrics;
  /**
   * The classes the macro average runs over: those in the images or among the predictions (as scikit-learn
   * when it is not given a label list). A class that is neither has nothing to average.
   */
  classesCounted: number;
}

export function perClassMetrics(matrix: ConfusionMatrix): ClassMetrics[] {
  const { classes, counts, rowTotals, columnTotals } = matrix;
  const out: ClassMetrics[] = [];
  for (let c = 0; c < classes; c++) {
    const tp = counts[c * classes + c];
    const support = rowTotals[c];
    const predicted = columnTotals[c];
    const fp = predicted - tp;
    const fn = support - tp;
    out.push({
      precision: predicted > 0 ? tp / predicted : null,
      recall: support > 0 ? tp / support : null,
      f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
      support,
      predicted,
      truePositives: tp,
    });
  }
  return out;
}

/**
 * Macro, weighted and micro averages. In the macro and weighted averages an undefined per-class value counts
 * as 0, as scikit-learn's classification_report does by default (zero_division): a model that never
 * predicts a class is not rewarded by leaving that class out. All are null when there are no images.
 */
export function averages(perClass: ClassMetrics[], total: number): Averages {
  const counted = perClass.filter((m) => m.support > 0 || m.predicted > 0);
  const mean = (pick: (m: ClassMetrics) => number | null) =>
    counted.length === 0 ? null : counted.reduce((s, m) => s + (pick(m) ?? 0), 0) / counted.length;
  const weightedMean = (pick: (m: ClassMetrics) => number | null) =>
    total === 0 ? null : perClass.reduce((s, m) => s + m.support * (pick(m) ?? 0), 0) / total;
  const tp = perClass.reduce((s, m) => s + m.truePositives, 0);
  // Every image is one prediction and one label: ΣFP = ΣFN = N − ΣTP, so micro P = R = F1 = ΣTP / N.
  const micro = total === 0 ? null : tp / total;
  return {
    macro: { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) },
    weighted: { precision: weightedMean((m) => m.precision), recall: weightedMean((m) => m.recall), f1: weightedMean((m) => m.f1) },
    micro: { precision: micro, recall: micro, f1: micro },
    classesCounted: counted.length,
  };
}
