import { describe, expect, it } from 'vitest';
import { resample, resampleRegion } from '../../../src/engine/input/resample';

describe('resampling', () => {
  it('averages a 2×2 colour image into one pixel', () => {
    const rgb = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]; // red, green / blue, white
    expect(Array.from(resample(rgb, 2, 2, 3, 1, 1))).toEqual([0.5, 0.5, 0.5]);
  });

  it('averages by area when the scale is not a whole number: every source pixel counts by its overlap', () => {
    // 3 → 2: the middle pixel is split half and half.
    expect(Array.from(resample([0, 1, 0], 3, 1, 1, 2, 1))).toEqual([Math.fround(1 / 3), Math.fround(1 / 3)]); // Float32 results
    expect(Array.from(resample([3, 0, 0], 3, 1, 1, 2, 1))).toEqual([2, 0]);
    // Total ink is kept, scaled by the area ratio.
    const src = Float32Array.from({ length: 70 * 50 }, (_, i) => (i * 7919) % 13);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    expect(sum(resample(src, 70, 50, 1, 20, 13))).toBeCloseTo((sum(src) * 20 * 13) / (70 * 50), 1);
  });

  it('interpolates linearly when upscaling, and keeps a flat image flat', () => {
    expect(Array.from(resample([0, 1], 2, 1, 1, 4, 1))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(resample([0.5, 0.5, 0.5, 0.5], 2, 2, 1, 5, 3)).every((v) => Math.abs(v - 0.5) < 1e-6)).toBe(true);
  });

  it('downscales one axis and upscales the other in one call', () => {
    // 4×1 → 2×2: pairs averaged along x, the single row repeated along y.
    expect(Array.from(resample([0, 1, 1, 1], 4, 1, 1, 2, 2))).toEqual([0.5, 1, 0.5, 1]);
  });

  it('reads only the region asked for', () => {
    const src = [9, 9, 9, 9, 1, 3, 9, 5, 7];
    expect(Array.from(resampleRegion(src, 3, 1, { x: 0, y: 1, width: 2, height: 2 }, 1, 1))).toEqual([(9 + 1 + 9 + 5) / 4]);
    expect(Array.from(resampleRegion(src, 3, 1, { x: 1, y: 1, width: 2, height: 1 }, 1, 1))).toEqual([2]);
  });
});
