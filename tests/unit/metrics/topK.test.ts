import { describe, expect, it } from 'vitest';
import { predictedClasses, rankOf, topClasses, topKAccuracy } from '../../../src/engine/metrics/predictions';
import { probs, randomEvaluation } from './fixtures';

/**
 * 5 classes, 5 images. Rank of the true class (0 = top; a tie ranks the lower class index first):
 *   image  true  probabilities             rank
 *   0      2     .1  .2  .3  .25 .15       0  (highest)
 *   1      4     .3  .25 .2  .15 .1        4  (lowest)
 *   2      1     .4  .1  .3  .05 .15       3  (.4, .3, .15 are higher)
 *   3      2     .3  .2  .2  .2  .1        2  (.3 higher; class 1 ties and is lower)
 *   4      3     .3  .2  .2  .2  .1        3  (.3 higher; classes 1 and 2 tie and are lower)
 * top-1: image 0 → 1/5; top-2: still 1/5; top-3: images 0 and 3 → 2/5; top-4: 0, 2, 3, 4 → 4/5; top-5: 1.
 */
const labels = Uint8Array.from([2, 4, 1, 2, 3]);
const p = probs([
  [0.1, 0.2, 0.3, 0.25, 0.15],
  [0.3, 0.25, 0.2, 0.15, 0.1],
  [0.4, 0.1, 0.3, 0.05, 0.15],
  [0.3, 0.2, 0.2, 0.2, 0.1],
  [0.3, 0.2, 0.2, 0.2, 0.1],
]);

describe('top-k accuracy', () => {
  it('ranks the true class with ties to the lower index', () => {
    expect([0, 1, 2, 3, 4].map((i) => rankOf(p, 5, i, labels[i]))).toEqual([0, 4, 3, 2, 3]);
  });

  it('matches the hand count for k = 1 … 5', () => {
    expect(topKAccuracy(labels, p, 5, 1)).toBe(1 / 5);
    expect(topKAccuracy(labels, p, 5, 2)).toBe(1 / 5);
    expect(topKAccuracy(labels, p, 5, 3)).toBe(2 / 5);
    expect(topKAccuracy(labels, p, 5, 4)).toBe(4 / 5);
    expect(topKAccuracy(labels, p, 5, 5)).toBe(1);
    expect(topKAccuracy(labels, p, 5, 9)).toBe(1);
    expect(topKAccuracy(new Uint8Array(0), new Float32Array(0), 5, 3)).toBeNull();
  });

  it('top-1 is exactly the accuracy of the predicted classes (random ties included)', () => {
    const f = randomEvaluation(500, 10, 3, 10);
    const predicted = predictedClasses(f.probabilities, 10);
    const accuracy = f.labels.reduce((s, l, i) => s + (l === predicted[i] ? 1 : 0), 0) / 500;
    expect(topKAccuracy(f.labels, f.probabilities, 10, 1)).toBe(accuracy);
  });

  it('lists the top classes of an image, ties by lower index', () => {
    const top = topClasses(p, 5, 3, 3);
    expect(top.map((t) => t.classIndex)).toEqual([0, 1, 2]);
    expect(top[0].probability).toBeCloseTo(0.3, 6);
    expect(topClasses(p, 5, 2, 3).map((t) => t.classIndex)).toEqual([0, 2, 4]);
  });
});
