import { z } from 'zod';
import { rng } from './random';

// Bagging: each member trains on a bootstrap sample of the training subset, as many images as the subset
// drawn with replacement (about 63 % distinct, some twice or more). Seeded by the run's seed and the member,
// so the same member draws the same sample and members draw different ones.

export const MAX_BAGGING_MEMBERS = 10;

export const bootstrapSpecSchema = z.strictObject({
  member: z
    .number({ error: 'the bagging member must be a number' })
    .int({ error: 'the bagging member must be a whole number' })
    .min(0, { error: 'the bagging member must be at least 0' })
    .max(MAX_BAGGING_MEMBERS - 1, { error: `bagging takes at most ${MAX_BAGGING_MEMBERS} members (0-based)` }),
});
export type BootstrapSpec = z.infer<typeof bootstrapSpecSchema>;

/** `train.length` indices drawn from `train` with replacement. */
export function bootstrapSample(train: Int32Array, member: number, seed: number): Int32Array {
  const random = rng(seed, `bootstrap:${member}`);
  const out = new Int32Array(train.length);
  for (let i = 0; i < out.length; i++) out[i] = train[Math.floor(random() * train.length)];
  return out;
}
