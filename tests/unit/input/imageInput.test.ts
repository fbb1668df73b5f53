import { describe, expect, it } from 'vitest';
import { centreOfMass } from '../../../src/engine/input/digitFraming';
import { centreCrop, imageToModelInput, luminance } from '../../../src/engine/input/imageInput';
import { bounds, rgba } from './shapes';

const GREY: [number, number, number] = [28, 28, 1];

describe('an uploaded image as the model input', () => {
  it('averages a 2×2 colour image into a 1×1 colour input', () => {
    const image = rgba(2, 2, (x, y) => [x ? 255 : 0, y ? 255 : 0, 51]);
    const input = imageToModelInput(image, [1, 1, 3])!;
    expect(Array.from(input.pixels).map((v) => +v.toFixed(4))).toEqual([0.5, 0.5, 0.2]);
    expect(input.inverted).toBe(false);
  });

  it('gives a colour dataset its H×W×3, centre-cropping a wide photo instead of squashing it', () => {
    // 64×32: left quarter red, middle half green, right quarter blue; the square crop is the green middle.
    const image = rgba(64, 32, (x) => (x < 16 ? [255, 0, 0] : x < 48 ? [0, 255, 0] : [0, 0, 255]));
    const { pixels } = imageToModelInput(image, [32, 32, 3])!;
    expect(pixels).toHaveLength(32 * 32 * 3);
    expect(Array.from(pixels.subarray(0, 3))).toEqual([0, 1, 0]);
    expect(Array.from(pixels.subarray(pixels.length - 3))).toEqual([0, 1, 0]);
    expect(centreCrop(64, 32, 32, 32)).toEqual({ x: 16, y: 0, width: 32, height: 32 });
    expect(centreCrop(30, 90, 32, 32)).toEqual({ x: 0, y: 30, width: 30, height: 30 });
  });

  it('inverts a dark-on-light photo of a digit so it looks like MNIST, and frames it', () => {
    // A grey pen line (60) on off-white paper (230) with some shading, in a 300×200 photo.
    const photo = rgba(300, 200, (x, y) => {
      const paper = 230 - Math.round(x / 30);
      return x >= 140 && x < 160 && y >= 40 && y < 160 ? [60, 60, 60] : [paper, paper, paper - 10];
    });
    const input = imageToModelInput(photo, GREY)!;
    expect(input.inverted).toBe(true);
    const { pixels } = input;
    expect(pixels[0]).toBe(0); // the paper is black
    expect(Math.max(...pixels)).toBe(1); // the ink is white
    expect(bounds(pixels, 28)).toEqual({ width: 3, height: 20 });
    const com = centreOfMass(pixels, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('leaves a light-on-dark picture (an MNIST-style image) uninverted', () => {
    const image = rgba(28, 28, (x, y) => (x >= 12 && x < 16 && y >= 4 && y < 24 ? [255, 255, 255] : [0, 0, 0]));
    const input = imageToModelInput(image, GREY)!;
    expect(input.inverted).toBe(false);
    expect(input.pixels[14 * 28 + 14]).toBe(1);
    expect(input.pixels[14 * 28 + 3]).toBe(0);
  });

  it('reads a transparent PNG of dark strokes as a drawing on white paper', () => {
    const image = rgba(50, 50, (x, y) => (x >= 20 && x < 26 && y >= 5 && y < 45 ? [0, 0, 0, 255] : [0, 0, 0, 0]));
    expect(Array.from(luminance(image).subarray(0, 2))).toEqual([1, 1]);
    const input = imageToModelInput(image, GREY)!;
    expect(input.inverted).toBe(true);
    expect(bounds(input.pixels, 28).height).toBe(20);
  });

  it('finds nothing in a blank page', () => {
    expect(imageToModelInput(rgba(200, 100, () => [240, 240, 235]), GREY)).toBeNull();
  });

  it('resizes grey images for a grey input of another size without framing them', () => {
    const image = rgba(4, 4, (x) => (x < 2 ? [0, 0, 0] : [255, 255, 255]));
    expect(Array.from(imageToModelInput(image, [2, 2, 1])!.pixels)).toEqual([0, 1, 0, 1]);
  });
});
