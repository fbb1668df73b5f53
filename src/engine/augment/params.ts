import { rng } from '../data/random';
import { AUGMENT_OPS, type AugmentationSpec, type AugmentOp } from './spec';

// The random choices of one augmented batch, drawn in JS from the run's seed: a few numbers per image, so
// only these small arrays go to the backend, never the images. Each op draws from its own stream, and draws
// the same count of numbers per image whether it applies or not, so turning one op on or changing its
// probability leaves what every other op does to every image unchanged (the preview changes only there).

export interface ImageParams {
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Degrees, counter-clockwise as seen on screen; 0 = none. */
  angle: number;
  /** Whole-pixel shift of the content (right, down). */
  dx: number;
  dy: number;
  /** Zoom factor: above 1 the content grows. */
  zoom: number;
  /** Added to every pixel value. */
  brightness: number;
  /** Multiplies each pixel's distance from the image's mean (per channel). */
  contrast: number;
  noise: boolean;
  /** Rows y0 ≤ y < y1 and columns x0 ≤ x < x1 are erased; an empty box erases nothing. */
  cutout: { y0: number; x0: number; y1: number; x1: number };
}

export interface BatchParams {
  images: ImageParams[];
  /** Seeds tf.randomNormal for this batch's noise (backend-independent: tfjs draws it in JS). */
  noiseSeed: number;
  noiseStd: number;
}

export const IDENTITY: ImageParams = {
  flipHorizontal: false,
  flipVertical: false,
  angle: 0,
  dx: 0,
  dy: 0,
  zoom: 1,
  brightness: 0,
  contrast: 1,
  noise: false,
  cutout: { y0: 0, x0: 0, y1: 0, x1: 0 },
};

/** Uniform in [−m, m]. */
const symmetric = (u: number, m: number) => (2 * u - 1) * m;

/** The parameters of batch `step` (of `n` images of h×w) of a run with `seed`. */
export function drawParams(spec: AugmentationSpec, n: number, h: number, w: number, seed: number, step: number): BatchParams {
  const streams = Object.fromEntries(AUGMENT_OPS.map((op) => [op, rng(seed, `augment:${op}:${step}`)])) as Record<AugmentOp, () => number>;
  const noiseSeed = Math.floor(rng(seed, `augment:noiseField:${step}`)() * 2 ** 31);
  const images: ImageParams[] = [];
  for (let i = 0; i < n; i++) {
    const p: ImageParams = { ...IDENTITY, cutout: { ...IDENTITY.cutout } };
    for (const op of AUGMENT_OPS) {
      const next = streams[op];
      const [chance, u, v] = [next(), next(), next()];
      const settings = spec[op];
      if (!spec.enabled || !settings.enabled || chance >= settings.probability) continue;
      const m = 'magnitude' in settings ? settings.magnitude : 0;
      switch (op) {
        case 'flipHorizontal':
          p.flipHorizontal = true;
          break;
        case 'flipVertical':
          p.flipVertical = true;
          break;
        case 'rotation':
          p.angle = symmetric(u, m);
          break;
        case 'translation':
          // Whole pixels from −m to m, each equally likely: pad by m, crop at a random offset.
          p.dx = Math.min(m, Math.floor(u * (2 * m + 1)) - m);
          p.dy = Math.min(m, Math.floor(v * (2 * m + 1)) - m);
          break;
        case 'scale':
          p.zoom = 1 + symmetric(u, m);
          break;
        case 'brightness':
          p.brightness = symmetric(u, m);
          break;
        case 'contrast':
          p.contrast = 1 + symmetric(u, m);
          break;
        case 'noise':
          p.noise = m > 0;
          break;
        case 'cutout': {
          // A square centred anywhere in the image, so it may hang over an edge (DeVries & Taylor, 2017).
          const side = Math.round(m * Math.min(h, w));
          if (side === 0) break;
          const cy = Math.floor(u * h);
          const cx = Math.floor(v * w);
          const y0 = cy - Math.floor(side / 2);
          const x0 = cx - Math.floor(side / 2);
          p.cutout = { y0: Math.max(0, y0), x0: Math.max(0, x0), y1: Math.min(h, y0 + side), x1: Math.min(w, x0 + side) };
          break;
        }
      }
    }
    images.push(p);
  }
  return { images, noiseSeed, noiseStd: spec.noise.magnitude };
}
