import { useMemo } from 'react';
import { classificationMetrics, curveMetrics, type ClassificationMetrics, type CurveMetrics } from '../../engine/metrics/evaluationMetrics';
import { rankedMistakes } from '../../engine/metrics/mistakes';
import type { ModelEvaluation } from '../../engine/models/types';

// Several views show one evaluation; each asks here, and every part is computed once per evaluation (keyed
// by its probabilities array, which a new evaluation always brings and a copy of the object keeps). The
// parts are apart so that each is computed in the render of the view that shows it: in a background render
// React yields between components, so no single task holds them all.
function cached<T>(compute: (e: ModelEvaluation) => T): (e: ModelEvaluation) => T {
  const cache = new WeakMap<Float32Array, { labels: Uint8Array; classes: number; value: T }>();
  return (e) => {
    const hit = cache.get(e.probabilities);
    if (hit && hit.labels === e.labels && hit.classes === e.classNames.length) return hit.value;
    const value = compute(e);
    cache.set(e.probabilities, { labels: e.labels, classes: e.classNames.length, value });
    return value;
  };
}

export const classificationOf = cached((e): ClassificationMetrics => classificationMetrics(e.labels, e.probabilities, e.classNames.length));
export const curvesOf = cached((e): CurveMetrics => curveMetrics(e.labels, e.probabilities, e.classNames.length));
export const mistakesOf = cached((e): Int32Array => rankedMistakes(e.labels, classificationOf(e).predicted, e.probabilities, e.classNames.length));

/** Confusion matrix, per-class figures, averages, top-k: computed on the evaluation's first render only. */
export function useClassificationMetrics(evaluation: ModelEvaluation): ClassificationMetrics {
  return useMemo(() => classificationOf(evaluation), [evaluation]);
}

/** ROC and precision–recall curves with their areas. */
export function useCurveMetrics(evaluation: ModelEvaluation): CurveMetrics {
  return useMemo(() => curvesOf(evaluation), [evaluation]);
}

/** Positions of the misclassified images, most confident mistakes first. */
export function useMistakes(evaluation: ModelEvaluation): Int32Array {
  return useMemo(() => mistakesOf(evaluation), [evaluation]);
}
