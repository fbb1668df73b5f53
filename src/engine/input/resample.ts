// Resampling of small images for the student's own input (drawings and uploads). Separable: each axis gets a
// list of source taps per destination pixel, applied first along x, then along y, so one pass handles a
// downscale on one axis and an upscale on the other.

/** A rectangle of source pixels (whole pixels: the ink's bounding box, a centre crop). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Taps {
  /** Source index of each tap, per destination pixel. */
  index: number[][];
  weight: number[][];
}

/**
 * Downscaling averages the area each destination pixel covers (a box filter: every source pixel counts in
 * proportion to its overlap), so thin strokes turn grey instead of vanishing or jagging as nearest-neighbour
 * would. Upscaling has no area to average, so it interpolates linearly between the two nearest source pixels.
 */
function axisTaps(start: number, srcLength: number, dstLength: number): Taps {
  const scale = srcLength / dstLength;
  const index: number[][] = [];
  const weight: number[][] = [];
  for (let i = 0; i < dstLength; i++) {
    const idx: number[] = [];
    const w: number[] = [];
    if (scale >= 1) {
      const from = i * scale;
      const to = (i + 1) * scale;
      for (let j = Math.floor(from); j < Math.min(srcLength, Math.ceil(to)); j++) {
        const overlap = Math.min(to, j + 1) - Math.max(from, j);
        if (overlap > 1e-9) {
          idx.push(start + j);
          w.push(overlap / scale);
        }
      }
    } else {
      // Pixel centres line up: destination centre i + 0.5 maps to source (i + 0.5)·scale, a centre at j + 0.5.
      const at = Math.min(srcLength - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const j = Math.floor(at);
      const f = at - j;
      idx.push(start + j);
      w.push(1 - f);
      if (f > 0 && j + 1 < srcLength) {
        idx.push(start + j + 1);
        w.push(f);
      }
    }
    index.push(idx);
    weight.push(w);
  }
  return { index, weight };
}

/**
 * Resamples a region of an interleaved H×W×C image (row-major, `channels` values per pixel) to dstWidth×dstHeight.
 * Values keep their range; the result is a new Float32Array of dstHeight·dstWidth·channels.
 */
export function resampleRegion(
  src: ArrayLike<number>,
  srcWidth: number,
  channels: number,
  region: Region,
  dstWidth: number,
  dstHeight: number,
): Float32Array {
  const xs = axisTaps(region.x, region.width, dstWidth);
  const ys = axisTaps(region.y, region.height, dstHeight);
  // Horizontal pass over the region's rows only.
  const rows = new Float32Array(region.height * dstWidth * channels);
  for (let r = 0; r < region.height; r++) {
    const srcRow = (region.y + r) * srcWidth;
    for (let i = 0; i < dstWidth; i++) {
      const idx = xs.index[i];
      const w = xs.weight[i];
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < idx.length; k++) sum += src[(srcRow + idx[k]) * channels + c] * w[k];
        rows[(r * dstWidth + i) * channels + c] = sum;
      }
    }
  }
  const out = new Float32Array(dstHeight * dstWidth * channels);
  for (let j = 0; j < dstHeight; j++) {
    const idx = ys.index[j];
    const w = ys.weight[j];
    for (let i = 0; i < dstWidth * channels; i++) {
      let sum = 0;
      for (let k = 0; k < idx.length; k++) sum += rows[(idx[k] - region.y) * dstWidth * channels + i] * w[k];
      out[j * dstWidth * channels + i] = sum;
    }
  }
  return out;
}

/** Resamples a whole H×W×C image. */
export function resample(
  src: ArrayLike<number>,
  srcWidth: number,
  srcHeight: number,
  channels: number,
  dstWidth: number,
  dstHeight: number,
): Float32Array {
  return resampleRegion(src, srcWidth, channels, { x: 0, y: 0, width: srcWidth, height: srcHeight }, dstWidth, dstHeight);
}
