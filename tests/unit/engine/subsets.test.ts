import { describe, expect, it } from 'vitest';
import { allocate, chooseSubsets } from '../../../src/engine/data/subsets';
import { classHistogram } from '../../../src/engine/data/dataset';

// 1000 "training" labels with uneven classes, 200 "test" labels.
const trainLabels = Uint8Array.from({ length: 1000 }, (_, i) => (i < 400 ? 0 : i < 700 ? 1 : 2));
const testLabels = Uint8Array.from({ length: 200 }, (_, i) => i % 3);

describe('chooseSubsets', () => {
  it('gives the requested sizes, stratified by class', () => {
    const s = chooseSubsets(trainLabels, testLabels, { train: 100, validation: 50, test: 30 }, 3, 7);
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([100, 50, 30]);
    expect(classHistogram(Array.from(s.train, (i) => trainLabels[i]), 3)).toEqual([40, 30, 30]);
    expect(classHistogram(Array.from(s.validation, (i) => trainLabels[i]), 3)).toEqual([20, 15, 15]);
    expect(classHistogram(Array.from(s.test, (i) => testLabels[i]), 3)).toEqual([10, 10, 10]);
  });

  it('never puts a training image in validation', () => {
    const s = chooseSubsets(trainLabels, testLabels, { train: 600, validation: 400, test: 10 }, 3, 1);
    const seen = new Set(s.train);
    expect(Array.from(s.validation).some((i) => seen.has(i))).toBe(false);
    expect(new Set([...s.train, ...s.validation]).size).toBe(1000);
  });

  it('is reproducible by seed and differs between seeds', () => {
    const a = chooseSubsets(trainLabels, testLabels, { train: 50, validation: 10, test: 10 }, 3, 3);
    const b = chooseSubsets(trainLabels, testLabels, { train: 50, validation: 10, test: 10 }, 3, 3);
    const c = chooseSubsets(trainLabels, testLabels, { train: 50, validation: 10, test: 10 }, 3, 4);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.train)).not.toEqual(Array.from(c.train));
  });

  it('says which subset is too big', () => {
    expect(() => chooseSubsets(trainLabels, testLabels, { train: 900, validation: 200, test: 10 }, 3, 1)).toThrow(
      'training (900) and validation (200) subsets together exceed the 1000 training images',
    );
    expect(() => chooseSubsets(trainLabels, testLabels, { train: 10, validation: 0, test: 201 }, 3, 1)).toThrow(
      'the test subset (201) exceeds the 200 test images',
    );
  });
});

describe('allocate', () => {
  it('fills from other classes when one runs short', () => {
    expect(allocate(9, [30, 30, 30])).toEqual([3, 3, 3]);
    const out = allocate(150, [10, 100, 100]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(150);
    expect(out[0]).toBeLessThanOrEqual(10);
  });
});
