import { describe, expect, it } from 'vitest';
import { evaluationMetrics, metricBuffers } from '../../../src/engine/metrics/evaluationMetrics';
import { rankedMistakes } from '../../../src/engine/metrics/mistakes';
import { predictedClasses } from '../../../src/engine/metrics/predictions';
import { A, randomEvaluation } from './fixtures';

describe('mistakes', () => {
  it('fixture A: most confident mistakes first, ties in the evaluation order', () => {
    // Wrong: image 1 (predicted 1 at .5), 3 (0 at .6), 4 (1 at .5), 5 (0 at .5) → 3, then 1, 4, 5.
    expect([...rankedMistakes(A.labels, predictedClasses(A.probabilities, 3), A.probabilities, 3)]).toEqual([3, 1, 4, 5]);
  });
});

describe('all metrics of an evaluation', () => {
  it('fixture A in one call', () => {
    const m = evaluationMetrics(A.labels, A.probabilities, 3);
    expect(m.images).toBe(6);
    expect(m.top1).toBeCloseTo(1 / 3, 12);
    expect(m.topK).toBe(1); // 3 classes: the true one is always among the top 3
    expect(m.roc[0]!.auc).toBe(0.75);
    expect(m.perClass[2].precision).toBeNull();
    expect([...m.mistakes]).toEqual([3, 1, 4, 5]);
  });

  it('refuses probabilities that do not fit the labels', () => {
    expect(() => evaluationMetrics(A.labels, A.probabilities.subarray(1), 3)).toThrow(/probabilities/);
  });

  it('moves every array of 10,000 images × 10 classes to the page once, and structured cloning keeps the figures', () => {
    const f = randomEvaluation(10_000, 10, 1);
    const m = evaluationMetrics(f.labels, f.probabilities, 10);
    expect(m.perClass.reduce((s, c) => s + c.support, 0)).toBe(10_000);
    const buffers = metricBuffers(m);
    expect(new Set(buffers).size).toBe(buffers.length);
    // predicted, mistakes, and two arrays per ROC and per precision–recall curve.
    expect(buffers).toHaveLength(2 + 2 * m.roc.filter(Boolean).length + 2 * m.precisionRecall.filter(Boolean).length);
    const moved = structuredClone(m, { transfer: buffers });
    expect(moved.macroAuc).toEqual(evaluationMetrics(f.labels, f.probabilities, 10).macroAuc);
    expect(m.predicted.length).toBe(0); // transferred, not copied
  });
});
