import { describe, expect, it } from 'vitest';
import { downsample, smooth } from '../../../src/ui/charts/series';

describe('chart series', () => {
  it('smoothing starts at the first value instead of being pulled towards zero', () => {
    const out = smooth([2, 2, 2, 2], 0.9);
    out.forEach((v) => expect(v).toBeCloseTo(2, 10));
    const noisy = smooth([1, 0, 1, 0, 1, 0], 0.6);
    expect(Math.max(...noisy.slice(2)) - Math.min(...noisy.slice(2))).toBeLessThan(0.5);
  });

  it('keeps long series to the point budget and always ends at the newest point', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ x: i + 1, y: i % 2 }));
    const out = downsample(points, 200);
    expect(out).toHaveLength(200);
    expect(out.at(-1)).toEqual({ x: 10_000, y: 1 });
    expect(out[0].y).toBeCloseTo(0.5, 1); // averaged, not aliased to one parity
    expect(downsample(points.slice(0, 50), 200)).toHaveLength(50);
  });
});
