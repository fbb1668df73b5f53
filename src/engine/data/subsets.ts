import { z } from 'zod';
import { rng, shuffleInPlace } from './random';

// Train and validation come from the dataset's training split (disjoint), test from its test split.
// Stratified so a 500-image subset still has every class in proportion.

export const subsetSizesSchema = z.strictObject({
  train: z.number().int().min(10, { error: 'the training subset needs at least 10 images' }),
  validation: z.number().int().min(0, { error: 'the validation subset cannot be negative' }),
  test: z.number().int().min(1, { error: 'the test subset needs at least 1 image' }),
});
export type SubsetSizes = z.infer<typeof subsetSizesSchema>;

export interface Subsets {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** Indices of each class, shuffled with the seed. */
function byClass(labels: ArrayLike<number>, numClasses: number, random: () => number): Int32Array[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const lists = counts.map((n) => new Int32Array(n));
  const fill = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) lists[labels[i]][fill[labels[i]]++] = i;
  return lists.map((l) => shuffleInPlace(l, random));
}

/** Splits `total` over classes in proportion to `available`, by largest remainder. */
export function allocate(total: number, available: number[]): number[] {
  const sum = available.reduce((a, b) => a + b, 0);
  const exact = available.map((n) => (sum === 0 ? 0 : (total * n) / sum));
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (out[i] < available[i]) {
      out[i]++;
      left--;
    }
  }
  // Classes short of their share leave a rest; fill it from classes that still have images.
  for (let i = 0; left > 0 && i < out.length; i++) {
    const extra = Math.min(left, available[i] - out[i]);
    out[i] += extra;
    left -= extra;
  }
  return out;
}

function take(lists: Int32Array[], counts: number[], offset: number[], random: () => number): Int32Array {
  const out = new Int32Array(counts.reduce((a, b) => a + b, 0));
  let k = 0;
  lists.forEach((list, c) => {
    out.set(list.subarray(offset[c], offset[c] + counts[c]), k);
    k += counts[c];
    offset[c] += counts[c];
  });
  // Interleave classes so the order carries no class information.
  return shuffleInPlace(out, random);
}

export function chooseSubsets(
  trainLabels: ArrayLike<number>,
  testLabels: ArrayLike<number>,
  sizes: SubsetSizes,
  numClasses: number,
  seed: number,
): Subsets {
  if (sizes.train + sizes.validation > trainLabels.length) {
    throw new Error(
      `training (${sizes.train}) and validation (${sizes.validation}) subsets together exceed the ${trainLabels.length} training images`,
    );
  }
  if (sizes.test > testLabels.length) {
    throw new Error(`the test subset (${sizes.test}) exceeds the ${testLabels.length} test images`);
  }
  const random = rng(seed, 'subsets');
  const trainLists = byClass(trainLabels, numClasses, random);
  const available = trainLists.map((l) => l.length);
  const offset = new Array<number>(numClasses).fill(0);
  const train = take(trainLists, allocate(sizes.train, available), offset, random);
  const remaining = available.map((n, c) => n - offset[c]);
  const validation = take(trainLists, allocate(sizes.validation, remaining), offset, random);
  const testLists = byClass(testLabels, numClasses, random);
  const test = take(testLists, allocate(sizes.test, testLists.map((l) => l.length)), new Array<number>(numClasses).fill(0), random);
  return { train, validation, test };
}
