import { describe, expect, it } from 'vitest';
import { accuracyOf, averageProbabilities } from '../../../src/engine/models/ensemble';

describe('the bagging ensemble averages its members’ probabilities', () => {
  // Three images, two classes, labels [0, 1, 1]. Member A is right on images 1 and 2, B on 1 and 3, C on 2
  // only (image 3 is a tie, which goes to the first class); by hand the means are [0.6, 0.4], [0.3, 0.7]
  // and [0.4667, 0.5333], right on all three.
  const labels = [0, 1, 1];
  const a = Float32Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4);
  const b = Float32Array.of(0.8, 0.2, 0.6, 0.4, 0.3, 0.7);
  const c = Float32Array.of(0.1, 0.9, 0.1, 0.9, 0.5, 0.5);

  it('gives the element-wise mean', () => {
    const mean = averageProbabilities([a, b, c]);
    const expected = [0.6, 0.4, 0.3, 0.7, 1.4 / 3, 1.6 / 3];
    mean.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('can beat every member: A and B get 2 of 3 right, C 1, the average all 3', () => {
    expect([a, b, c].map((m) => accuracyOf(labels, m, 2))).toEqual([2 / 3, 2 / 3, 1 / 3]);
    expect(accuracyOf(labels, averageProbabilities([a, b, c]), 2)).toBe(1);
  });

  it('refuses members evaluated on different images, saying which', () => {
    expect(() => averageProbabilities([a, Float32Array.of(1, 0)])).toThrow('member 2 gave 2 probabilities, member 1 gave 6');
    expect(() => averageProbabilities([])).toThrow('an ensemble needs at least one member');
  });
});
