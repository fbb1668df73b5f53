import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyParams, augmentBatch } from '../../../src/engine/augment/augmentBatch';
import { erase } from '../../../src/engine/augment/cutout';
import { adjustBrightness, adjustContrast } from '../../../src/engine/augment/photometric';
import { batch, digits, only, pattern3x3, PATTERN } from './images';

// Each operation against outputs worked out by hand on small images (cpu backend).

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const run = (x: tf.Tensor4D, ...p: Parameters<typeof batch>) => tf.tidy(() => digits(applyParams(x, batch(...p))));

describe('geometry on the 3×3 pattern 1…9', () => {
  it('a horizontal flip mirrors each row', () => {
    expect(run(pattern3x3(), { flipHorizontal: true })).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
  });

  it('a vertical flip mirrors the rows top to bottom', () => {
    expect(run(pattern3x3(), { flipVertical: true })).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3]);
  });

  it('rotates by 90° counter-clockwise (the top-right corner goes to the top left), −90° the other way, 180° reverses', () => {
    expect(run(pattern3x3(), { angle: 90 })).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect(run(pattern3x3(), { angle: -90 })).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
    expect(run(pattern3x3(), { angle: 180 })).toEqual([...PATTERN].reverse());
  });

  it('a shift moves the content by whole pixels and fills with 0, as padding and cropping at an offset does', () => {
    expect(run(pattern3x3(), { dx: 1 })).toEqual([0, 1, 2, 0, 4, 5, 0, 7, 8]);
    // Content up by one: the crop window starts one row lower in the padded image.
    expect(run(pattern3x3(), { dy: -1 })).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 0]);
    expect(run(pattern3x3(), { dx: -1, dy: 1 })).toEqual([0, 0, 0, 2, 3, 0, 5, 6, 0]);
  });

  it('zooming in by 2 spreads the centre (bilinear), zooming out by 2 leaves the centre and blanks the corners', () => {
    // Output (0, 0) reads input (0.5, 0.5): the mean of 1, 2, 4, 5. The centre stays 5.
    const inX = tf.tidy(() => Array.from(applyParams(pattern3x3(), batch({ zoom: 2 })).dataSync()));
    expect(inX[0]).toBeCloseTo(0.3, 6);
    expect(inX[4]).toBeCloseTo(0.5, 6);
    expect(inX[8]).toBeCloseTo(0.7, 6);
    expect(run(pattern3x3(), { zoom: 0.5 })).toEqual([0, 0, 0, 0, 5, 0, 0, 0, 0]);
  });

  it('transforms every image of a batch with its own map (the cpu kernel alone does only the first)', () => {
    const two = tf.concat([pattern3x3(), pattern3x3()]) as tf.Tensor4D;
    expect(run(two, { flipHorizontal: true }, { angle: 90 })).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7, 3, 6, 9, 2, 5, 8, 1, 4, 7]);
  });
});

describe('pixel values', () => {
  it('brightness adds its delta per image, and the result is clipped to [0, 1]', () => {
    const x = tf.tensor4d([0.1, 0.5, 0.9, 0.1, 0.5, 0.9], [2, 1, 3, 1]);
    const added = tf.tidy(() => Array.from(adjustBrightness(x, [0.2, -0.3]).dataSync()));
    [0.3, 0.7, 1.1, -0.2, 0.2, 0.6].forEach((v, i) => expect(added[i]).toBeCloseTo(v, 6));
    const clipped = tf.tidy(() => Array.from(applyParams(x, batch({ brightness: 0.2 }, { brightness: -0.3 })).dataSync()));
    [0.3, 0.7, 1, 0, 0.2, 0.6].forEach((v, i) => expect(clipped[i]).toBeCloseTo(v, 6));
  });

  it("contrast scales each pixel's distance from its image's mean, channel by channel", () => {
    // Channel 0: 0.2 0.4 0.6 0.8 (mean 0.5); channel 1: 0.1 0.1 0.3 0.3 (mean 0.2). Factor 1.5.
    const x = tf.tensor4d([0.2, 0.1, 0.4, 0.1, 0.6, 0.3, 0.8, 0.3], [1, 2, 2, 2]);
    const out = tf.tidy(() => Array.from(adjustContrast(x, [1.5]).dataSync()));
    [0.05, 0.05, 0.35, 0.05, 0.65, 0.35, 0.95, 0.35].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
    // Factor 0 leaves each channel at its mean.
    const flat = tf.tidy(() => Array.from(adjustContrast(x, [0]).dataSync()));
    [0.5, 0.2, 0.5, 0.2, 0.5, 0.2, 0.5, 0.2].forEach((v, i) => expect(flat[i]).toBeCloseTo(v, 6));
  });

  it('Gaussian noise has mean 0 and the asked standard deviation, and only on the images it was drawn for', () => {
    const grey = tf.fill([2, 32, 32, 1], 0.5) as tf.Tensor4D;
    const out = tf.tidy(() => applyParams(grey, { ...batch({ noise: true }, {}), noiseStd: 0.05 }).arraySync() as number[][][][]);
    const noisy = out[0].flat(2).map((v) => v - 0.5);
    const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
    const std = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
    expect(Math.abs(mean)).toBeLessThan(0.005); // 1,024 draws: the mean's standard error is 0.0016
    expect(std).toBeGreaterThan(0.045);
    expect(std).toBeLessThan(0.055);
    expect(out[1].flat(2).every((v) => v === 0.5)).toBe(true);
  });
});

describe('cutout', () => {
  it('erases exactly the box, per image', () => {
    const ones = tf.ones([2, 4, 4, 1]) as tf.Tensor4D;
    const out = tf.tidy(() => Array.from(erase(ones, Int32Array.from([1, 1, 3, 3, 0, 2, 1, 4])).dataSync()));
    expect(out.slice(0, 16)).toEqual([1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(out.slice(16)).toEqual([1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('drawn at random, erases a square of the asked side (less where it hangs over an edge)', () => {
    const ones = tf.ones([64, 10, 10, 1]) as tf.Tensor4D;
    const images = tf.tidy(() => augmentBatch(only({ cutout: { magnitude: 0.4 } }), ones, 3, 0).arraySync() as number[][][][]);
    let clipped = 0;
    for (const image of images) {
      const zeros = image.flatMap((row, y) => row.flatMap((px, x) => (px[0] === 0 ? [[y, x]] : [])));
      const ys = zeros.map(([y]) => y);
      const xs = zeros.map(([, x]) => x);
      const height = Math.max(...ys) - Math.min(...ys) + 1;
      const width = Math.max(...xs) - Math.min(...xs) + 1;
      expect(zeros.length).toBe(height * width); // a filled rectangle
      expect(height).toBeLessThanOrEqual(4);
      expect(width).toBeLessThanOrEqual(4);
      if (height < 4 || width < 4) clipped++;
    }
    expect(clipped).toBeLessThan(48); // most squares lie wholly inside
  });
});
