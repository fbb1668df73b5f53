// Puts a drawing (or an inverted photo of one) into a 28×28 image framed the way the dataset's images were,
// so the model sees the kind of picture it was trained on rather than a stroke in a corner.
import { resampleRegion, type Region } from './resample';

/** A one-channel image, ink = high values: 0..1 as floats, or 0..255 as bytes (a canvas channel). */
export interface GreyBitmap {
  width: number;
  height: number;
  data: Float32Array | Uint8ClampedArray;
}

export interface Framing {
  /** Side of the square output image. */
  size: number;
  /** The ink's bounding box is scaled, keeping its aspect ratio, until its larger side is this long. */
  box: number;
  /** Where the scaled box goes: its centre of mass or its middle at the image's centre. */
  centre: 'mass' | 'box';
  /** Pixels at or below this (0..1) are background when finding the bounding box: faint smudges do not widen it. */
  inkThreshold: number;
}

/**
 * MNIST (LeCun et al.): each digit's bounding box was scaled, keeping its aspect ratio, to fit a 20×20 box with
 * anti-aliasing, then placed in 28×28 with its centre of mass at the centre, shifted by whole pixels. The
 * prepared MNIST test set confirms it: bounding boxes 20 px on the larger side, mean centre of mass (14.0, 14.0)
 * in pixel indices, which is also the target here (size / 2).
 */
export const MNIST_FRAMING: Framing = { size: 28, box: 20, centre: 'mass', inkThreshold: 0.05 };

/**
 * Fashion-MNIST (Xiao et al. 2017) resized each product so its longer side is 28 px and centred the box,
 * with no centre-of-mass step: its test set's boxes are 28 px and its mean centre of mass is off centre (14.4, 14.2).
 */
export const FASHION_MNIST_FRAMING: Framing = { size: 28, box: 28, centre: 'box', inkThreshold: 0.05 };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The smallest rectangle holding every pixel above the threshold, or null when there is none. */
export function inkBounds(image: GreyBitmap, threshold: number): Region | null {
  const { width, height, data } = image;
  const limit = data instanceof Uint8ClampedArray ? threshold * 255 : threshold;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] > limit) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y; // rows are scanned in order: the last row with ink is the lowest
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Intensity-weighted mean position in pixel indices (pixel (0, 0)'s centre is (0, 0)); null for an all-zero image. */
export function centreOfMass(data: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

/**
 * Frames a drawing as `framing` says and returns size×size values in [0, 1] (ink = 1, as the model saw the
 * training images: uint8 / 255, white digit on black), or null when nothing is drawn.
 */
export function frameDigit(image: GreyBitmap, framing: Framing = MNIST_FRAMING): Float32Array | null {
  const bounds = inkBounds(image, framing.inkThreshold);
  if (!bounds) return null;
  const scale = framing.box / Math.max(bounds.width, bounds.height);
  const w = Math.max(1, Math.min(framing.box, Math.round(bounds.width * scale)));
  const h = Math.max(1, Math.min(framing.box, Math.round(bounds.height * scale)));
  const box = resampleRegion(image.data, image.width, 1, bounds, w, h);

  // Nearly every MNIST digit has pixels at full ink; a faint or thin drawing is brought up to that, not left grey.
  let max = 0;
  for (let i = 0; i < box.length; i++) if (box[i] > max) max = box[i];
  if (max <= 0) return null;
  for (let i = 0; i < box.length; i++) box[i] = Math.min(1, box[i] / max);

  const { size } = framing;
  let left: number;
  let top: number;
  if (framing.centre === 'mass') {
    const com = centreOfMass(box, w, h)!; // max > 0, so there is mass
    // A lopsided drawing (a 7 with a long bar) could be pushed past the edge: it stops there instead of losing ink.
    left = clamp(Math.round(size / 2 - com.x), 0, size - w);
    top = clamp(Math.round(size / 2 - com.y), 0, size - h);
  } else {
    left = Math.round((size - w) / 2);
    top = Math.round((size - h) / 2);
  }
  const out = new Float32Array(size * size);
  for (let y = 0; y < h; y++) out.set(box.subarray(y * w, (y + 1) * w), (top + y) * size + left);
  return out;
}
