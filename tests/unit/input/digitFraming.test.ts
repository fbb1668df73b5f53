import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdxImages } from '../../../datasets/idx';
import { centreOfMass, FASHION_MNIST_FRAMING, frameDigit, inkBounds } from '../../../src/engine/input/digitFraming';
import { SHARED } from '../../helpers/mnist';
import { bounds, canvas, fillDisc, fillRect } from './shapes';

describe('framing a drawing as MNIST was made', () => {
  it('scales a 4×10 bar in a 100×100 canvas to 20 px tall and puts its centre of mass at (14, 14)', () => {
    const c = canvas(100, 100);
    fillRect(c, 70, 5, 4, 10); // near the top right corner
    const out = frameDigit(c)!;
    expect(out).toHaveLength(28 * 28);
    expect(bounds(out, 28)).toEqual({ width: 8, height: 20 }); // aspect ratio kept
    const com = centreOfMass(out, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...out)).toBe(1);
    expect(Math.min(...out)).toBe(0);
  });

  it('centres a lopsided shape by its mass, not by its box', () => {
    const c = canvas(60, 60);
    fillRect(c, 10, 10, 40, 4); // a [ with a heavy back: bars at the top and bottom,
    fillRect(c, 10, 46, 40, 4);
    fillRect(c, 10, 14, 14, 32); // and a thick leg on the left, so the mass sits left of the box's middle
    const out = frameDigit(c)!;
    const com = centreOfMass(out, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(bounds(out, 28)).toEqual({ width: 20, height: 20 });
    // The box (20 wide) starts right of the middle minus 10, because the mass is on its left.
    let left = 28;
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) if (out[y * 28 + x] > 0) left = Math.min(left, x);
    expect(left).toBe(8); // round(14 − 5.7): the box's middle would put it at 4
  });

  it('keeps a very lopsided shape whole, as near the centre of mass as the edge allows', () => {
    const c = canvas(60, 60);
    fillRect(c, 0, 0, 60, 2);
    fillRect(c, 0, 2, 10, 58); // mass far to the left and low
    const out = frameDigit(c)!;
    const ink = out.reduce((a, b) => a + b, 0);
    expect(bounds(out, 28)).toEqual({ width: 20, height: 20 });
    expect(out[0 * 28 + 4]).toBe(0); // the box fits inside: its left edge stops at column 0 at the most
    expect(ink).toBeGreaterThan(20 * 0.6 + 19 * 3); // nothing was cut off
  });

  it('anti-aliases: a disc scaled down has grey values along its edge, and keeps its area', () => {
    const c = canvas(100, 100);
    fillDisc(c, 40, 55, 30); // 60 px across, scaled by 1/3
    const out = frameDigit(c)!;
    const grey = out.filter((v) => v > 0.02 && v < 0.98).length;
    expect(grey).toBeGreaterThan(20); // nearest-neighbour would give none
    const ink = out.reduce((a, b) => a + b, 0);
    expect(ink).toBeCloseTo(Math.PI * 10 * 10, -1); // the 20 px disc's area, to within ±5
  });

  it('returns null for an empty canvas, and for one with only faint specks', () => {
    expect(frameDigit(canvas(280, 280))).toBeNull();
    const c = canvas(50, 50);
    c.data[100] = 0.01;
    expect(frameDigit(c)).toBeNull();
    expect(frameDigit({ width: 56, height: 56, data: new Uint8ClampedArray(56 * 56) })).toBeNull();
  });

  it('reads canvas bytes (0..255) as it reads floats (0..1)', () => {
    const floats = canvas(56, 56);
    fillRect(floats, 20, 8, 7, 40);
    const bytes = { width: 56, height: 56, data: Uint8ClampedArray.from(floats.data, (v) => v * 255) };
    expect(frameDigit(bytes)).toEqual(frameDigit(floats));
    expect(inkBounds(bytes, 0.05)).toEqual({ x: 20, y: 8, width: 7, height: 40 });
  });

  it('brings a faint drawing up to full ink', () => {
    const c = canvas(40, 40);
    fillRect(c, 10, 5, 8, 30, 0.4);
    expect(Math.max(...frameDigit(c)!)).toBe(1);
  });

  it('frames Fashion-MNIST style: longer side 28 px, box centred', () => {
    const c = canvas(100, 100);
    fillRect(c, 0, 0, 50, 100);
    const out = frameDigit(c, FASHION_MNIST_FRAMING)!;
    expect(bounds(out, 28)).toEqual({ width: 14, height: 28 });
    expect(out[14 * 28 + 7]).toBe(1);
    expect(out[14 * 28 + 6]).toBe(0);
  });

  it('leaves real MNIST digits nearly as they were when they come enlarged and off centre', () => {
    const file = 't10k-images-idx3-ubyte.gz';
    const images = parseIdxImages(readFileSync(path.join(SHARED, 'mnist', file)), file);
    let diff = 0;
    const n = 200;
    for (let k = 0; k < n; k++) {
      const digit = images.pixels.subarray(k * 784, (k + 1) * 784);
      // Drawn 4× larger at (30, 10) in a 200×150 canvas, as on the pad.
      const big = canvas(200, 150);
      for (let y = 0; y < 112; y++) for (let x = 0; x < 112; x++) big.data[(y + 10) * 200 + x + 30] = digit[(y >> 2) * 28 + (x >> 2)] / 255;
      const out = frameDigit(big)!;
      for (let i = 0; i < 784; i++) diff += Math.abs(out[i] - digit[i] / 255);
    }
    // Mean absolute difference per pixel: the original's own rounding and anti-aliasing differ slightly.
    expect(diff / (n * 784)).toBeLessThan(0.03);
  });
});
