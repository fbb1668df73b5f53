import { describe, expect, it } from 'vitest';
import { evaluationMetrics } from '../../../src/engine/metrics/evaluationMetrics';
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

  it('takes well under 50 ms for 10,000 images × 10 classes', () => {
    const f = randomEvaluation(10_000, 10, 1);
    evaluationMetrics(f.labels, f.probabilities, 10); // warm up the JIT
    const start = performance.now();
    const m = evaluationMetrics(f.labels, f.probabilities, 10);
    const ms = performance.now() - start;
    console.log(`evaluationMetrics, 10,000 images × 10 classes: ${ms.toFixed(1)} ms`);
    expect(m.perClass.reduce((s, c) => s + c.support, 0)).toBe(10_000);
    // Generous: this machine's cores are shared; the figure printed above is what matters.
    expect(ms).toBeLessThan(250);
  });
});
