import { z } from 'zod';
import { rng, shuffleInPlace } from './random';

// K-fold cross-validation of the training subset: each image lands in exactly one fold, and each class is
// dealt round the folds in turn, so every fold holds each class in proportion (within one image) and the
// folds' sizes differ by at most one. The validation subset is not used: each fold is validated on its fold.

export const MIN_FOLDS = 2;
export const MAX_FOLDS = 10;

export const foldSpecSchema = z
  .strictObject({
    k: z
      .number({ error: 'the number of folds must be a number' })
      .int({ error: 'the number of folds must be a whole number' })
      .min(MIN_FOLDS, { error: `cross-validation needs at least ${MIN_FOLDS} folds` })
      .max(MAX_FOLDS, { error: `cross-validation takes at most ${MAX_FOLDS} folds` }),
    index: z
      .number({ error: 'the fold index must be a number' })
      .int({ error: 'the fold index must be a whole number' })
      .min(0, { error: 'the fold index must be at least 0' }),
  })
  .refine((f) => f.index < f.k, { error: 'the fold index must be below the number of folds (0-based)', path: ['index'] });
export type FoldSpec = z.infer<typeof foldSpecSchema>;

/**
 * The fold of each position of `train` (indices into the training split, with their labels in `labels`):
 * classes in order, each class's images shuffled with the seed, dealt 0, 1, …, k-1, 0, … continuing from
 * one class to the next.
 */
export function foldOf(train: Int32Array, labels: ArrayLike<number>, numClasses: number, k: number, seed: number): Uint8Array {
  if (!Number.isInteger(k) || k < MIN_FOLDS || k > MAX_FOLDS) throw new Error(`the number of folds must be a whole number from ${MIN_FOLDS} to ${MAX_FOLDS}, not ${k}`);
  if (train.length < k) throw new Error(`${k} folds need at least ${k} training images; the training subset has ${train.length}`);
  const random = rng(seed, `folds:${k}`);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let p = 0; p < train.length; p++) byClass[labels[train[p]]].push(p);
  const fold = new Uint8Array(train.length);
  let next = 0;
  for (const positions of byClass) {
    for (const p of shuffleInPlace(positions, random)) {
      fold[p] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Training and validation indices of fold `spec.index`: validation is that fold, training the other k-1. */
export function splitFold(train: Int32Array, labels: ArrayLike<number>, numClasses: number, spec: FoldSpec, seed: number): { train: Int32Array; validation: Int32Array } {
  const fold = foldOf(train, labels, numClasses, spec.k, seed);
  const inFold = train.filter((_, p) => fold[p] === spec.index);
  const rest = train.filter((_, p) => fold[p] !== spec.index);
  return { train: rest, validation: inFold };
}
