import { describe, expect, it } from 'vitest';
import { macroAuc, rocCurve } from '../../../src/engine/metrics/roc';
import { precisionRecallCurve } from '../../../src/engine/metrics/precisionRecall';
import { thinCurve } from '../../../src/engine/metrics/thin';
import { A, B, T, randomEvaluation } from './fixtures';

/** The Mann–Whitney probability that a positive outscores a negative, a tie counting ½, by comparing every pair. */
function mannWhitney(labels: Uint8Array, probabilities: Float32Array, classes: number, c: number): number {
  const pos: number[] = [];
  const neg: number[] = [];
  labels.forEach((l, i) => (l === c ? pos : neg).push(probabilities[i * classes + c]));
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const points = (xs: Float64Array, ys: Float64Array) => [...xs].map((x, k) => [x, ys[k]]);

describe('ROC curve and AUC', () => {
  it('fixture A, class 0: one step per score', () => {
    // Class 0's scores: positives (images 0, 1) .7 .4; negatives .6 .1 .2 .5 (images 3, 2, 4, 5).
    // Descending: .7 pos → (0, 1/2); .6 neg → (1/4, 1/2); .5 neg → (2/4, 1/2); .4 pos → (2/4, 1); .2, .1 neg → (3/4, 1), (1, 1).
    // Area: 1/4·1/2 + 1/4·1/2 + 1/2·1 = 3/4. Pairs: .7 beats all 4 negatives, .4 beats .1 and .2 → 6 of 8 = 3/4.
    const roc = rocCurve(A.labels, A.probabilities, 3, 0)!;
    expect(points(roc.fpr, roc.tpr)).toEqual([[0, 0], [0, 0.5], [0.25, 0.5], [0.5, 0.5], [0.5, 1], [0.75, 1], [1, 1]]);
    expect(roc.auc).toBe(0.75);
  });

  it('fixture T: tied scores move as one diagonal step, and the AUC counts ties as ½', () => {
    // Class 1, descending: .9 (neg) → (1/3, 0); .8 (pos) → (1/3, 1/3); .5 (two pos, one neg) → (2/3, 1) in one
    // diagonal step; .2 (neg) → (1, 1).
    // Area: 0 + 0 + 1/3·(1/3 + 1)/2 = 2/9, + 1/3·1 = 3/9 → 5/9.
    // Pairs (3 × 3 = 9): .8 beats .5 and .2 (2); each .5 ties .5 (½) and beats .2 (1): 2 × 1½ = 3 → 5/9.
    const roc = rocCurve(T.labels, T.probabilities, 2, 1)!;
    const third = 1 / 3;
    expect(points(roc.fpr, roc.tpr)).toEqual([[0, 0], [third, 0], [third, third], [2 * third, 1], [1, 1]]);
    expect(roc.auc).toBeCloseTo(5 / 9, 12);
    expect(mannWhitney(T.labels, T.probabilities, 2, 1)).toBeCloseTo(5 / 9, 12);
    // With two classes, class 0 is the same question turned round (its positives are class 1's negatives and
    // its scores 1 − s reverse the order, ties kept): the same 5/9.
    expect(rocCurve(T.labels, T.probabilities, 2, 0)!.auc).toBeCloseTo(5 / 9, 12);
  });

  it('fixture B: a class with no images has no ROC curve and no AUC; the macro AUC averages the rest', () => {
    // Class 0: positives .6 .2, negatives .2 .3: .6 beats both (2), .2 ties .2 (½) → 2.5 / 4 = 0.625.
    // Class 1: positives .7 .6 beat negatives .3 .2 → 1. Classes 2 and 3 have no images: null.
    const curves = [0, 1, 2, 3].map((c) => rocCurve(B.labels, B.probabilities, 4, c));
    expect(curves[0]!.auc).toBeCloseTo(0.625, 12);
    expect(curves[1]!.auc).toBe(1);
    expect(curves[2]).toBeNull();
    expect(curves[3]).toBeNull();
    // (0.625 + 1) / 2.
    expect(macroAuc(curves)).toEqual({ auc: 0.8125, classesCounted: 2 });
    expect(macroAuc([null, null])).toEqual({ auc: null, classesCounted: 0 });
  });

  it('a class that is every image has no negatives, so no ROC curve', () => {
    expect(rocCurve(Uint8Array.from([0, 0]), Float32Array.from([0.9, 0.1, 0.6, 0.4]), 2, 0)).toBeNull();
  });

  it('equals the Mann–Whitney probability on 300 random images with many ties, every class', () => {
    for (const levels of [0, 20, 4]) {
      const f = randomEvaluation(300, 5, 11 + levels, levels);
      for (let c = 0; c < 5; c++) {
        const roc = rocCurve(f.labels, f.probabilities, 5, c)!;
        expect(roc.auc).toBeCloseTo(mannWhitney(f.labels, f.probabilities, 5, c), 12);
        // A curve: from (0, 0) to (1, 1), never going back.
        expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
        for (let k = 1; k < roc.fpr.length; k++) expect(roc.fpr[k] >= roc.fpr[k - 1] && roc.tpr[k] >= roc.tpr[k - 1]).toBe(true);
      }
    }
  });
});

describe('precision–recall curve and average precision', () => {
  it('fixture T, class 1: one point per distinct score, ties together', () => {
    // Descending: .9 → TP 0, FP 1: P 0, R 0; .8 → TP 1, FP 1: P 1/2, R 1/3; .5 → TP 3, FP 2: P 3/5, R 1;
    // .2 → TP 3, FP 3: P 1/2, R 1. With the start (R 0, P 1).
    // AP = Σ ΔR·P = 0·0 + 1/3·1/2 + 2/3·3/5 + 0·1/2 = 1/6 + 2/5 = 17/30.
    const pr = precisionRecallCurve(T.labels, T.probabilities, 2, 1)!;
    expect([...pr.recall]).toEqual([0, 0, 1 / 3, 1, 1]);
    expect([...pr.precision]).toEqual([1, 0, 1 / 2, 3 / 5, 1 / 2]);
    expect(pr.averagePrecision).toBeCloseTo(17 / 30, 12);
  });

  it('fixture A, class 0: AP by hand', () => {
    // Descending: .7 pos → TP 1 FP 0 (P 1, R 1/2); .6, .5 neg → P 1/2, 1/3; .4 pos → TP 2 FP 2 (P 1/2, R 1).
    // AP = 1/2·1 + 1/2·1/2 = 3/4.
    expect(precisionRecallCurve(A.labels, A.probabilities, 3, 0)!.averagePrecision).toBeCloseTo(3 / 4, 12);
  });

  it('is undefined for a class with no images (fixture B, class 2)', () => {
    expect(precisionRecallCurve(B.labels, B.probabilities, 4, 2)).toBeNull();
  });
});

describe('thinning a curve for drawing', () => {
  it('keeps a short curve whole', () => {
    expect(thinCurve([0, 0.5, 1], [0, 1, 1], 200)).toEqual([{ x: 0, y: 0 }, { x: 0.5, y: 1 }, { x: 1, y: 1 }]);
  });

  it('keeps at most max points, the ends included, in order', () => {
    const f = randomEvaluation(10_000, 10, 5);
    const roc = rocCurve(f.labels, f.probabilities, 10, 3)!;
    expect(roc.fpr.length).toBeGreaterThan(5000);
    const thin = thinCurve(roc.fpr, roc.tpr, 200);
    expect(thin.length).toBeLessThanOrEqual(200);
    expect(thin.length).toBeGreaterThan(150);
    expect(thin[0]).toEqual({ x: 0, y: 0 });
    expect(thin.at(-1)).toEqual({ x: 1, y: 1 });
    for (let k = 1; k < thin.length; k++) expect(thin[k].x >= thin[k - 1].x && thin[k].y >= thin[k - 1].y).toBe(true);
  });
});
