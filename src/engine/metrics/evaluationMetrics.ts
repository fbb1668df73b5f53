// Everything the results views show about one evaluation, computed in the worker beside the predictions
// (for 10,000 images × 10 classes):
// - the classification figures: one pass over the images (~2 ms for 10,000 images × 10 classes);
// - the curves: one native sort per class (~10–30 ms);
// - the mistakes, ranked (~5 ms).

import { averages, perClassMetrics, type Averages, type ClassMetrics } from './classification';
import { confusionMatrix, rowNormalised, type ConfusionMatrix } from './confusion';
import { precisionRecallFromCounts, type PrecisionRecallCurve } from './precisionRecall';
import { checkShapes, predictedClasses, topKAccuracy } from './predictions';
import { macroAuc, rocFromCounts, type MacroAuc, type RocCurve } from './roc';
import { rankedMistakes } from './mistakes';
import { splitScores, thresholdCounts } from './thresholds';

/** The k of the top-k accuracy the views show besides top-1. */
export const TOP_K = 3;

export interface ClassificationMetrics {
  classes: number;
  images: number;
  predicted: Uint8Array;
  confusion: ConfusionMatrix;
  /** Per true class, its row of the confusion matrix as shares; null for a class with no images. */
  confusionRows: Array<Float64Array | null>;
  perClass: ClassMetrics[];
  averages: Averages;
  /** Null when there are no images. */
  top1: number | null;
  topK: number | null;
}

export interface CurveMetrics {
  roc: Array<RocCurve | null>;
  macroAuc: MacroAuc;
  precisionRecall: Array<PrecisionRecallCurve | null>;
  /** Mean of the defined average precisions (often called mAP), and over how many classes. */
  meanAveragePrecision: number | null;
  averagePrecisionClasses: number;
}

export interface EvaluationMetrics extends ClassificationMetrics, CurveMetrics {
  /** Positions of the misclassified images, most confident mistakes first. */
  mistakes: Int32Array;
}

export function classificationMetrics(labels: Uint8Array, probabilities: Float32Array, classes: number): ClassificationMetrics {
  checkShapes(labels, probabilities, classes);
  const predicted = predictedClasses(probabilities, classes);
  const confusion = confusionMatrix(labels, predicted, classes);
  const perClass = perClassMetrics(confusion);
  return {
    classes,
    images: labels.length,
    predicted,
    confusion,
    confusionRows: rowNormalised(confusion),
    perClass,
    averages: averages(perClass, labels.length),
    top1: topKAccuracy(labels, probabilities, classes, 1),
    topK: topKAccuracy(labels, probabilities, classes, TOP_K),
  };
}

export function curveMetrics(labels: Uint8Array, probabilities: Float32Array, classes: number): CurveMetrics {
  checkShapes(labels, probabilities, classes);
  const roc: Array<RocCurve | null> = [];
  const precisionRecall: Array<PrecisionRecallCurve | null> = [];
  for (let c = 0; c < classes; c++) {
    // One sort per class serves both curves.
    const { pos, neg } = splitScores(labels, probabilities, classes, c);
    const counts = thresholdCounts(pos, neg);
    roc.push(rocFromCounts(counts));
    precisionRecall.push(precisionRecallFromCounts(counts));
  }
  const aps = precisionRecall.filter((c): c is PrecisionRecallCurve => c !== null).map((c) => c.averagePrecision);
  return {
    roc,
    macroAuc: macroAuc(roc),
    precisionRecall,
    meanAveragePrecision: aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : null,
    averagePrecisionClasses: aps.length,
  };
}

/** All of it at once (for the engine, a report, the tests). */
export function evaluationMetrics(labels: Uint8Array, probabilities: Float32Array, classes: number): EvaluationMetrics {
  const classification = classificationMetrics(labels, probabilities, classes);
  return {
    ...classification,
    ...curveMetrics(labels, probabilities, classes),
    mistakes: rankedMistakes(labels, classification.predicted, probabilities, classes),
  };
}

/**
 * The typed arrays of a set of metrics that can be moved, not copied, to the page: the curves alone hold
 * four arrays of up to one point per image per class. Each buffer is listed once.
 */
export function metricBuffers(m: EvaluationMetrics): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [m.predicted, m.mistakes];
  for (const r of m.roc) if (r) arrays.push(r.fpr, r.tpr);
  for (const c of m.precisionRecall) if (c) arrays.push(c.recall, c.precision);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
