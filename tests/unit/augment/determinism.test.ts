import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch } from '../../../src/engine/augment/augmentBatch';
import { drawParams } from '../../../src/engine/augment/params';
import { augmentationPreview } from '../../../src/engine/augment/preview';
import { defaultAugmentation, NO_AUGMENTATION } from '../../../src/engine/augment/spec';
import { only, randomImages } from './images';

// Seeded: the same (seed, step) gives the same batch, so runs with one seed stay comparable; no leaks.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EVERYTHING = only({
  flipHorizontal: { probability: 0.5 },
  flipVertical: { probability: 0.5 },
  rotation: { probability: 0.7, magnitude: 20 },
  translation: { probability: 0.7, magnitude: 3 },
  scale: { probability: 0.7, magnitude: 0.2 },
  brightness: { probability: 0.5, magnitude: 0.2 },
  contrast: { probability: 0.5, magnitude: 0.3 },
  noise: { probability: 0.5, magnitude: 0.05 },
  cutout: { probability: 0.5, magnitude: 0.3 },
});

const values = (spec: typeof EVERYTHING, seed: number, step: number, x = randomImages([8, 12, 12, 1])) =>
  tf.tidy(() => Array.from(augmentBatch(spec, x, seed, step).dataSync()));

describe('augmentBatch under a seed', () => {
  it('gives the same batch for the same seed and step, another for another step or seed', () => {
    const a = values(EVERYTHING, 42, 5);
    expect(values(EVERYTHING, 42, 5)).toEqual(a);
    expect(values(EVERYTHING, 42, 6)).not.toEqual(a);
    expect(values(EVERYTHING, 43, 5)).not.toEqual(a);
  });

  it('changes nothing with the master switch off, and hands back the same tensor', () => {
    const x = randomImages([4, 6, 6, 1]);
    expect(augmentBatch({ ...EVERYTHING, enabled: false }, x, 1, 0)).toBe(x);
    expect(augmentBatch(NO_AUGMENTATION, x, 1, 0)).toBe(x);
    x.dispose();
  });

  it('draws each op from its own stream: turning brightness on leaves what the flips and rotation did', () => {
    const geometry = only({ flipHorizontal: { probability: 0.5 }, rotation: { probability: 1, magnitude: 30 } });
    const both = { ...geometry, brightness: { enabled: true, probability: 1, magnitude: 0.2 } };
    const a = drawParams(geometry, 50, 12, 12, 9, 3).images;
    const b = drawParams(both, 50, 12, 12, 9, 3).images;
    expect(b.map((p) => [p.flipHorizontal, p.angle])).toEqual(a.map((p) => [p.flipHorizontal, p.angle]));
    expect(b.some((p) => p.brightness !== 0)).toBe(true);
  });

  it('applies each op to about its probability of images, with magnitudes inside their bounds', () => {
    const spec = only({ flipHorizontal: { probability: 0.25 }, rotation: { probability: 1, magnitude: 15 }, translation: { probability: 1, magnitude: 2 } });
    const p = drawParams(spec, 4000, 28, 28, 1, 0).images;
    const flipped = p.filter((i) => i.flipHorizontal).length / p.length;
    expect(flipped).toBeGreaterThan(0.22);
    expect(flipped).toBeLessThan(0.28);
    expect(p.every((i) => Math.abs(i.angle) <= 15)).toBe(true);
    expect(p.every((i) => Number.isInteger(i.dx) && Math.abs(i.dx) <= 2 && Number.isInteger(i.dy) && Math.abs(i.dy) <= 2)).toBe(true);
    // Every shift from −2 to 2 occurs: the crop offsets are uniform over the padding.
    expect(new Set(p.map((i) => i.dx)).size).toBe(5);
    expect(p.every((i) => !i.flipVertical && i.zoom === 1 && i.brightness === 0)).toBe(true);
  });
});

describe('no tensor leaks', () => {
  it('augmentBatch and the preview leave as many tensors as they found', async () => {
    const x = randomImages([8, 12, 12, 3]);
    const before = tf.memory().numTensors;
    const out = augmentBatch(EVERYTHING, x, 1, 2);
    expect(tf.memory().numTensors).toBe(before + 1); // only the result
    out.dispose();
    const images = Uint8Array.from({ length: 3 * 12 * 12 * 3 }, (_, i) => (i * 37) % 256);
    augmentationPreview(images, 3, [12, 12, 3], EVERYTHING, 1, 8);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('the preview', () => {
  it('shows each image as it is, then augmented: redrawn the same for the same settings, differently for others', async () => {
    const images = Uint8Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 28 < 14 ? 255 : 0)); // left half white
    const spec = { ...defaultAugmentation('mnist'), enabled: true };
    const a = augmentationPreview(images, 2, [28, 28, 1], spec, 5, 8);
    expect(a.images.length).toBe(2 * 9 * 28 * 28);
    expect(Array.from(a.images.subarray(0, 784))).toEqual(Array.from(images.subarray(0, 784)));
    expect(augmentationPreview(images, 2, [28, 28, 1], spec, 5, 8).images).toEqual(a.images);
    const flipped = augmentationPreview(images, 2, [28, 28, 1], only({ flipHorizontal: { probability: 1 } }), 5, 8);
    // Every augmented copy is the mirror image: the right half white.
    const copy = flipped.images.subarray(784, 2 * 784);
    expect(copy[0]).toBe(0);
    expect(copy[27]).toBe(255);
    const off = augmentationPreview(images, 2, [28, 28, 1], { ...spec, enabled: false }, 5, 8);
    expect(Array.from(off.images.subarray(784, 2 * 784))).toEqual(Array.from(images.subarray(0, 784)));
  });
});
