import { describe, expect, it } from 'vitest';
import { foldOf, splitFold } from '../../../src/engine/data/folds';
import { chooseSubsets } from '../../../src/engine/data/subsets';
import { classHistogram } from '../../../src/engine/data/dataset';
import { trainingConfigSchema, DEFAULT_TRAINING } from '../../../src/engine/train/config';

// 3,000 training labels over 10 uneven classes (class c has 150 + 20c images), 100 test labels; the
// training subset of 1,037 images leaves every class a count that does not divide by k.
const trainLabels = Uint8Array.from({ length: 3000 }, (_, i) => {
  let c = 0;
  for (let left = i; left >= 150 + 20 * c && c < 9; c++) left -= 150 + 20 * c;
  return c;
});
const testLabels = Uint8Array.from({ length: 100 }, (_, i) => i % 10);
const train = chooseSubsets(trainLabels, testLabels, { train: 1037, validation: 100, test: 50 }, 10, 11).train;
const classesOf = (idx: Int32Array) => classHistogram(Array.from(idx, (i) => trainLabels[i]), 10);

describe('stratified K-fold cross-validation', () => {
  it.each([2, 3, 5, 7, 10])('%i folds are disjoint and together are the training subset', (k) => {
    const folds = Array.from({ length: k }, (_, index) => splitFold(train, trainLabels, 10, { k, index }, 5).validation);
    const all = folds.flatMap((f) => Array.from(f));
    expect(all.length).toBe(train.length);
    expect(new Set(all).size).toBe(train.length);
    expect(new Set(all)).toEqual(new Set(train));
  });

  it.each([2, 3, 5, 10])('with %i folds each class is spread evenly (within 1 image per fold) and fold sizes within 1', (k) => {
    const whole = classesOf(train);
    const hist = Array.from({ length: k }, (_, index) => classesOf(splitFold(train, trainLabels, 10, { k, index }, 5).validation));
    for (let c = 0; c < 10; c++) {
      const counts = hist.map((h) => h[c]);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(whole[c]);
      for (const n of counts) expect(Math.abs(n - whole[c] / k)).toBeLessThan(1);
    }
    const sizes = hist.map((h) => h.reduce((a, b) => a + b, 0));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('trains on the other folds: training and validation of one fold are disjoint and make the subset', () => {
    const { train: rest, validation } = splitFold(train, trainLabels, 10, { k: 4, index: 2 }, 5);
    const held = new Set(validation);
    expect(Array.from(rest).some((i) => held.has(i))).toBe(false);
    expect(rest.length + validation.length).toBe(train.length);
  });

  it('the same seed gives the same folds; another seed other folds', () => {
    expect(Array.from(foldOf(train, trainLabels, 10, 5, 3))).toEqual(Array.from(foldOf(train, trainLabels, 10, 5, 3)));
    expect(Array.from(foldOf(train, trainLabels, 10, 5, 3))).not.toEqual(Array.from(foldOf(train, trainLabels, 10, 5, 4)));
  });

  it('refuses a number of folds outside 2–10, or more folds than images, saying so', () => {
    expect(() => foldOf(train, trainLabels, 10, 1, 0)).toThrow('the number of folds must be a whole number from 2 to 10, not 1');
    expect(() => foldOf(train, trainLabels, 10, 11, 0)).toThrow('from 2 to 10, not 11');
    expect(() => foldOf(train.subarray(0, 3), trainLabels, 10, 4, 0)).toThrow('4 folds need at least 4 training images; the training subset has 3');
  });

  it('the training config takes a fold spec, checks it, and reads configs without one as before', () => {
    expect(trainingConfigSchema.parse({ ...DEFAULT_TRAINING, fold: undefined }).fold).toBeUndefined();
    expect(trainingConfigSchema.parse({ ...DEFAULT_TRAINING, fold: { k: 5, index: 4 } }).fold).toEqual({ k: 5, index: 4 });
    const bad = trainingConfigSchema.safeParse({ ...DEFAULT_TRAINING, fold: { k: 5, index: 5 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('the fold index must be below the number of folds (0-based)');
    const both = trainingConfigSchema.safeParse({ ...DEFAULT_TRAINING, fold: { k: 3, index: 0 }, bootstrap: { member: 0 } });
    expect(both.error?.issues[0].message).toMatch('either one fold of a cross-validation or one member of a bagging ensemble');
  });
});

describe('exported scripts of a fold or bagging run', () => {
  it('say that the script trains without the fold or the bootstrap sample', async () => {
    const { kerasScript } = await import('../../../src/engine/export/keras');
    const { getPreset } = await import('../../../src/engine/spec/presets');
    const spec = getPreset('lenet5').build([28, 28, 1], 10);
    const flat = (s: string) => s.replace(/\n# /g, ' ');
    expect(flat(kerasScript(spec, { ...DEFAULT_TRAINING, fold: { k: 5, index: 1 } }, 'mnist'))).toContain("Not in this script: the app's cross-validation fold (fold 2 of 5)");
    expect(flat(kerasScript(spec, { ...DEFAULT_TRAINING, bootstrap: { member: 0 } }, 'mnist'))).toContain("Not in this script: the app's bootstrap sample (bagging member 1)");
    expect(kerasScript(spec, DEFAULT_TRAINING, 'mnist')).not.toContain('bootstrap');
  });
});
