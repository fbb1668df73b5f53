import { describe, expect, it } from 'vitest';
import { averages, perClassMetrics } from '../../../src/engine/metrics/classification';
import { cellPositions, confusionMatrix, rowNormalised } from '../../../src/engine/metrics/confusion';
import { predictedClasses } from '../../../src/engine/metrics/predictions';
import { A, B, randomEvaluation } from './fixtures';

function metricsOf(f: { labels: Uint8Array; probabilities: Float32Array; classes: number }) {
  const predicted = predictedClasses(f.probabilities, f.classes);
  const matrix = confusionMatrix(f.labels, predicted, f.classes);
  const perClass = perClassMetrics(matrix);
  return { predicted, matrix, perClass, averages: averages(perClass, f.labels.length) };
}

describe('confusion matrix', () => {
  it('counts true × predicted (fixture A)', () => {
    const { predicted, matrix } = metricsOf(A);
    expect([...predicted]).toEqual([0, 1, 1, 0, 1, 0]);
    expect([...matrix.counts]).toEqual([1, 1, 0, 1, 1, 0, 1, 1, 0]);
    expect([...matrix.rowTotals]).toEqual([2, 2, 2]);
    expect([...matrix.columnTotals]).toEqual([3, 3, 0]);
    expect(matrix.total).toBe(6);
  });

  it('normalises each row by its total; a class without images has no row (fixture B)', () => {
    const rows = rowNormalised(metricsOf(B).matrix);
    // Row 0: 1 of 2 predicted 0, 1 of 2 predicted 2; row 1: both predicted 1; classes 2 and 3 have no images.
    expect(rows.map((r) => (r ? [...r] : null))).toEqual([[0.5, 0, 0.5, 0], [0, 1, 0, 0], null, null]);
  });

  it('finds the images behind a cell, in order', () => {
    const { predicted } = metricsOf(A);
    expect([...cellPositions(A.labels, predicted, 2, 1)]).toEqual([4]);
    expect([...cellPositions(A.labels, predicted, 0, 0)]).toEqual([0]);
    expect([...cellPositions(A.labels, predicted, 1, 2)]).toEqual([]);
  });

  it('breaks a tie in the probabilities towards the lower class index', () => {
    expect([...predictedClasses(Float32Array.from([0.4, 0.4, 0.2, 0.1, 0.45, 0.45]), 3)]).toEqual([0, 1]);
  });

  it('refuses labels outside the classes', () => {
    expect(() => confusionMatrix(Uint8Array.from([3]), Uint8Array.from([0]), 3)).toThrow(RangeError);
  });
});

describe('per-class precision, recall, F1 and support', () => {
  it('fixture A: class 2 is never predicted, so its precision is undefined (null)', () => {
    const { perClass } = metricsOf(A);
    // Class 0: TP 1 (image 0), FP 2 (images 3, 5), FN 1 (image 1):
    //   precision 1/3, recall 1/2, F1 = 2·1 / (2·1 + 2 + 1) = 2/5 (= 2·(1/3)(1/2) / (1/3 + 1/2)).
    // Class 1: TP 1 (image 2), FP 2 (images 1, 4), FN 1 (image 3): the same 1/3, 1/2, 2/5.
    // Class 2: TP 0, FP 0, FN 2: precision 0/0 undefined, recall 0/2 = 0, F1 = 0 / (0 + 0 + 2) = 0.
    expect(perClass[0].precision).toBeCloseTo(1 / 3, 12);
    expect(perClass[0].recall).toBeCloseTo(1 / 2, 12);
    expect(perClass[0].f1).toBeCloseTo(2 / 5, 12);
    expect(perClass[1].precision).toBeCloseTo(1 / 3, 12);
    expect(perClass[1].recall).toBeCloseTo(1 / 2, 12);
    expect(perClass[1].f1).toBeCloseTo(2 / 5, 12);
    expect(perClass[2].precision).toBeNull();
    expect(perClass[2].recall).toBe(0);
    expect(perClass[2].f1).toBe(0);
    expect(perClass.map((m) => m.support)).toEqual([2, 2, 2]);
  });

  it('fixture A averages: the undefined precision counts as 0', () => {
    const { averages: avg } = metricsOf(A);
    // Macro over the 3 classes: P (1/3 + 1/3 + 0)/3 = 2/9, R (1/2 + 1/2 + 0)/3 = 1/3, F1 (2/5 + 2/5 + 0)/3 = 4/15.
    expect(avg.classesCounted).toBe(3);
    expect(avg.macro.precision).toBeCloseTo(2 / 9, 12);
    expect(avg.macro.recall).toBeCloseTo(1 / 3, 12);
    expect(avg.macro.f1).toBeCloseTo(4 / 15, 12);
    // Weighted by support 2, 2, 2 of 6: equal weights, so the same as macro.
    expect(avg.weighted.precision).toBeCloseTo(2 / 9, 12);
    expect(avg.weighted.recall).toBeCloseTo(1 / 3, 12);
    expect(avg.weighted.f1).toBeCloseTo(4 / 15, 12);
    // Micro: ΣTP = 2 of 6 images = the accuracy, 1/3, for all three.
    expect(avg.micro).toEqual({ precision: 2 / 6, recall: 2 / 6, f1: 2 / 6 });
  });

  it('fixture B: classes without images have undefined recall; one neither seen nor predicted has undefined F1', () => {
    const { perClass, averages: avg } = metricsOf(B);
    // Class 0: TP 1, FP 0, FN 1 → P 1, R 1/2, F1 2/(2 + 0 + 1) = 2/3.
    // Class 1: TP 2, FP 0, FN 0 → P 1, R 1, F1 1.
    // Class 2: TP 0, FP 1 (image 2), FN 0 → P 0/1 = 0, R 0/0 undefined, F1 0/(0 + 1 + 0) = 0.
    // Class 3: nothing at all → P, R and F1 all 0/0.
    expect(perClass[0]).toMatchObject({ precision: 1, recall: 0.5, support: 2, predicted: 1 });
    expect(perClass[0].f1).toBeCloseTo(2 / 3, 12);
    expect(perClass[1]).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 2, predicted: 2 });
    expect(perClass[2]).toMatchObject({ precision: 0, recall: null, f1: 0, support: 0, predicted: 1 });
    expect(perClass[3]).toMatchObject({ precision: null, recall: null, f1: null, support: 0, predicted: 0 });
    // Macro over the 3 classes seen or predicted (class 3 left out), undefined as 0:
    //   P (1 + 1 + 0)/3 = 2/3, R (1/2 + 1 + 0)/3 = 1/2, F1 (2/3 + 1 + 0)/3 = 5/9.
    expect(avg.classesCounted).toBe(3);
    expect(avg.macro.precision).toBeCloseTo(2 / 3, 12);
    expect(avg.macro.recall).toBeCloseTo(1 / 2, 12);
    expect(avg.macro.f1).toBeCloseTo(5 / 9, 12);
    // Weighted by support 2, 2, 0, 0 of 4: P (2·1 + 2·1)/4 = 1, R (2·1/2 + 2·1)/4 = 3/4, F1 (2·2/3 + 2·1)/4 = 5/6.
    expect(avg.weighted.precision).toBeCloseTo(1, 12);
    expect(avg.weighted.recall).toBeCloseTo(3 / 4, 12);
    expect(avg.weighted.f1).toBeCloseTo(5 / 6, 12);
    // Micro: 3 of 4 right.
    expect(avg.micro.precision).toBe(3 / 4);
  });

  it('supports sum to the number of images, and the matrix to N (1,000 random images, 10 classes)', () => {
    const f = randomEvaluation(1000, 10, 7);
    const { matrix, perClass, averages: avg } = metricsOf(f);
    expect(perClass.reduce((s, m) => s + m.support, 0)).toBe(1000);
    expect(matrix.counts.reduce((s, v) => s + v, 0)).toBe(1000);
    expect(perClass.reduce((s, m) => s + m.predicted, 0)).toBe(1000);
    // Micro F1 is the accuracy; the F1 formula agrees with the harmonic mean where both are defined.
    const accuracy = f.labels.reduce((s, l, i) => s + (l === predictedClasses(f.probabilities, 10)[i] ? 1 : 0), 0) / 1000;
    expect(avg.micro.f1).toBeCloseTo(accuracy, 12);
    for (const m of perClass) {
      if (m.precision && m.recall) expect(m.f1).toBeCloseTo((2 * m.precision * m.recall) / (m.precision + m.recall), 12);
    }
  });

  it('is all undefined for no images', () => {
    const matrix = confusionMatrix(new Uint8Array(0), new Uint8Array(0), 3);
    const avg = averages(perClassMetrics(matrix), 0);
    expect(avg.macro).toEqual({ precision: null, recall: null, f1: null });
    expect(avg.weighted).toEqual({ precision: null, recall: null, f1: null });
    expect(avg.micro).toEqual({ precision: null, recall: null, f1: null });
  });
});
