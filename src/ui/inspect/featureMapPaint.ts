import { sequential, unit } from './colours';
import { setPixel } from './PixelCanvas';

// Painters for the feature-map canvases: plain functions of the data, so each canvas's effect runs only when
// its layer's data changes, and the loops stay typed-array tight (LeNet's largest layer is 28×28×6).

/** One channel of an HWC tensor on the layer's shared colour scale. */
export function paintChannel(values: Float32Array, [h, w, c]: number[], channel: number, min: number, max: number) {
  return (rgba: Uint8ClampedArray) => {
    for (let i = 0; i < h * w; i++) setPixel(rgba, i, sequential(unit(values[i * c + channel], min, max)));
  };
}

/** The input image: grey for one channel, RGB for three (values in [0, 1]); else its first channel. */
export function paintInput(values: Float32Array, [h, w, c]: number[]) {
  return (rgba: Uint8ClampedArray) => {
    for (let i = 0; i < h * w; i++) {
      const v = (k: number) => Math.round(Math.min(1, Math.max(0, values[i * c + k])) * 255);
      setPixel(rgba, i, c === 3 ? [v(0), v(1), v(2)] : [v(0), v(0), v(0)]);
    }
  };
}

export const BAR_HEIGHT = 32;

/** A flat layer as bars, one column per unit, up from a zero line (or the bottom if all values are ≥ 0). */
export function paintBars(values: Float32Array, count: number, min: number, max: number) {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  const span = high - low || 1;
  const zeroRow = Math.round(((high - 0) / span) * (BAR_HEIGHT - 1));
  return (rgba: Uint8ClampedArray) => {
    for (let u = 0; u < count; u++) {
      const v = values[u];
      const row = Math.round(((high - v) / span) * (BAR_HEIGHT - 1));
      const colour = sequential(unit(v, min, max));
      for (let y = Math.min(row, zeroRow); y <= Math.max(row, zeroRow); y++) setPixel(rgba, y * count + u, colour);
    }
  };
}
