// An uploaded picture (decoded RGBA pixels of any size) turned into what the model takes: H×W×C in [0, 1].
import { frameDigit, MNIST_FRAMING, type Framing } from './digitFraming';
import { resampleRegion, type Region } from './resample';

/** Decoded pixels as a canvas gives them (ImageData has this shape): 4 bytes per pixel, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface ModelInput {
  /** H×W×C values in [0, 1], the model's input shape. */
  pixels: Float32Array;
  /** A dark-on-light picture was inverted to look like the dataset's light-on-dark images. */
  inverted: boolean;
}

/**
 * Grey level of each pixel in [0, 1]: Rec. 601 luma (what most image tools call greyscale), with transparent
 * parts over white, as the page shows them: a PNG of dark strokes on a transparent background is a drawing on paper.
 */
export function luminance(image: RgbaImage): Float32Array {
  const { data } = image;
  const out = new Float32Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) {
    const a = data[i * 4 + 3] / 255;
    const luma = (0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2]) / 255;
    out[i] = luma * a + (1 - a);
  }
  return out;
}

/** RGB in [0, 1] (3 values per pixel), transparent parts over white. */
export function rgb(image: RgbaImage): Float32Array {
  const { data } = image;
  const n = image.width * image.height;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = data[i * 4 + 3] / 255;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = (data[i * 4 + c] / 255) * a + (1 - a);
  }
  return out;
}

/** The largest centred rectangle of the target's aspect ratio: a photo is cropped, not squashed, to a square input. */
export function centreCrop(width: number, height: number, targetWidth: number, targetHeight: number): Region {
  const target = targetWidth / targetHeight;
  if (width / height > target) {
    const w = Math.max(1, Math.round(height * target));
    return { x: Math.floor((width - w) / 2), y: 0, width: w, height };
  }
  const h = Math.max(1, Math.round(width / target));
  return { x: 0, y: Math.floor((height - h) / 2), width, height: h };
}

/** Mean of the values (0 for none). */
function mean(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
}

/** The median of values in [0, 1], to 1/256, from a histogram (no sort of a whole photo). */
function median(values: Float32Array): number {
  const bins = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) bins[Math.min(255, Math.max(0, Math.floor(values[i] * 256)))]++;
  let seen = 0;
  for (let b = 0; b < 256; b++) {
    seen += bins[b];
    if (seen * 2 >= values.length) return (b + 0.5) / 256;
  }
  return 1;
}

/** Ink must stand this far above the paper (0..1) for a photo to hold a drawing at all. */
const MIN_CONTRAST = 0.1;
/** The faintest fifth of the range between paper and the strongest ink is treated as paper (shadows, grain). */
const PAPER_MARGIN = 0.2;

/**
 * Stretches a light-on-dark photo so its paper is 0 and its strongest ink 1. A photo's paper is never black
 * (once inverted it is a grey of 0.1 to 0.3, with shading), and the bounding box and centre of mass would
 * otherwise take the whole sheet as ink. The median is the paper's level: a digit covers a small part of the picture.
 * Returns null when there is no contrast to speak of (a blank page).
 */
export function stretchInk(grey: Float32Array): Float32Array | null {
  const paper = median(grey);
  let max = 0;
  for (let i = 0; i < grey.length; i++) if (grey[i] > max) max = grey[i];
  const range = max - paper;
  if (range < MIN_CONTRAST) return null;
  const out = new Float32Array(grey.length);
  for (let i = 0; i < grey.length; i++) {
    const v = ((grey[i] - paper) / range - PAPER_MARGIN) / (1 - PAPER_MARGIN);
    out[i] = v <= 0 ? 0 : v >= 1 ? 1 : v;
  }
  return out;
}

/**
 * Converts decoded pixels to the model's input shape [H, W, C].
 *
 * Colour (C = 3): centre-cropped to the input's aspect ratio and resized (area averaging down, bilinear up).
 * Grey (C = 1): luminance, resized the same way; except for 28×28 grey datasets (MNIST, Fashion-MNIST), whose
 * images are light ink on black, framed in a fixed way. A photo of a drawing is the opposite (dark pen on white
 * paper, mean brightness above one half): it is inverted, its paper stretched to black, and it is framed like the
 * drawing pad's strokes (`framing`); otherwise the model would see an almost white square and guess at random.
 * Returns null when such a grey picture has nothing drawn on it.
 */
export function imageToModelInput(
  image: RgbaImage,
  shape: readonly [number, number, number],
  framing: Framing = MNIST_FRAMING,
): ModelInput | null {
  const [h, w, c] = shape;
  if (c === 3) {
    return { pixels: resampleRegion(rgb(image), image.width, 3, centreCrop(image.width, image.height, w, h), w, h), inverted: false };
  }
  const grey = luminance(image);
  if (!(h === framing.size && w === framing.size)) {
    return { pixels: resampleRegion(grey, image.width, 1, centreCrop(image.width, image.height, w, h), w, h), inverted: false };
  }
  const inverted = mean(grey) > 0.5;
  if (inverted) for (let i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
  const ink = stretchInk(grey);
  if (!ink) return null;
  const pixels = frameDigit({ width: image.width, height: image.height, data: ink }, framing);
  return pixels ? { pixels, inverted } : null;
}
