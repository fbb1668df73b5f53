import { describe, expect, it } from 'vitest';
import { bootstrapSample } from '../../../src/engine/data/bootstrap';

const train = Int32Array.from({ length: 1000 }, (_, i) => 5000 + 3 * i);

describe('bootstrap samples for bagging', () => {
  it('has the subset’s size, draws only the subset’s images, and repeats some (with replacement)', () => {
    const s = bootstrapSample(train, 0, 42);
    expect(s.length).toBe(train.length);
    const allowed = new Set(train);
    expect(Array.from(s).every((i) => allowed.has(i))).toBe(true);
    // Drawing n from n with replacement leaves about 1 − 1/e ≈ 63 % distinct.
    const distinct = new Set(s).size / s.length;
    expect(distinct).toBeGreaterThan(0.58);
    expect(distinct).toBeLessThan(0.68);
  });

  it('is the same for the same member and seed, and differs across members and seeds', () => {
    expect(Array.from(bootstrapSample(train, 2, 42))).toEqual(Array.from(bootstrapSample(train, 2, 42)));
    const members = [0, 1, 2, 3].map((m) => Array.from(bootstrapSample(train, m, 42)).join());
    expect(new Set(members).size).toBe(4);
    expect(Array.from(bootstrapSample(train, 0, 43))).not.toEqual(Array.from(bootstrapSample(train, 0, 42)));
  });
});
