import type { ClassificationMetrics, CurveMetrics } from '../../engine/metrics/evaluationMetrics';
import type { ModelEvaluation } from '../../engine/models/types';

// The engine computes every figure in the worker (engine/metrics, called by the session's evaluateModel),
// so the views only read them: nothing here costs the main thread more than a property access.

/** Confusion matrix, per-class figures, averages, top-k. */
export function useClassificationMetrics(evaluation: ModelEvaluation): ClassificationMetrics {
  return evaluation.metrics;
}

/** ROC and precision–recall curves with their areas. */
export function useCurveMetrics(evaluation: ModelEvaluation): CurveMetrics {
  return evaluation.metrics;
}

/** Positions of the misclassified images, most confident mistakes first. */
export function useMistakes(evaluation: ModelEvaluation): Int32Array {
  return evaluation.metrics.mistakes;
}
