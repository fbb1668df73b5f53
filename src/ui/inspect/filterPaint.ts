import { diverging, unit } from './colours';
import { setPixel } from './PixelCanvas';

// Painters for kernel patches. The kernel is tfjs's [kh, kw, in, filters] layout, so weight (y, x, i, f) sits at
// ((y·kw + x)·in + i)·filters + f.

type Shape = [number, number, number, number];

/** One input channel of one filter on the diverging scale (negative blue, 0 white, positive red). */
export function paintKernelChannel(kernel: Float32Array, [kh, kw, cin, f]: Shape, filter: number, channel: number, maxAbs: number) {
  return (rgba: Uint8ClampedArray) => {
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) setPixel(rgba, y * kw + x, diverging(kernel[((y * kw + x) * cin + channel) * f + filter], maxAbs));
  };
}

/**
 * A three-channel filter as one colour patch: its red, green and blue weights each stretched from the layer's
 * min to max, so the colour it responds to shows (grey where it is indifferent to colour).
 */
export function paintKernelRgb(kernel: Float32Array, [kh, kw, cin, f]: Shape, filter: number, min: number, max: number) {
  return (rgba: Uint8ClampedArray) => {
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        const at = (i: number) => Math.round(unit(kernel[((y * kw + x) * cin + i) * f + filter], min, max) * 255);
        setPixel(rgba, y * kw + x, [at(0), at(1), at(2)]);
      }
  };
}
