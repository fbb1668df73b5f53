import { z } from 'zod';
import { isBuiltinDatasetId, type BuiltinDatasetId, type DatasetId } from '../data/catalog';

// Data augmentation settings: which operations change each training image, how often (probability) and by
// how much (magnitude). Part of a run's training config, so a saved run says what its model was trained on.

/** The operations, in the order they are applied (geometry first, then pixel values, then erasing). */
export const AUGMENT_OPS = ['flipHorizontal', 'flipVertical', 'rotation', 'translation', 'scale', 'brightness', 'contrast', 'noise', 'cutout'] as const;
export type AugmentOp = (typeof AUGMENT_OPS)[number];
export type FlipOp = 'flipHorizontal' | 'flipVertical';
export type MagnitudeOp = Exclude<AugmentOp, FlipOp>;

export const isFlip = (op: AugmentOp): op is FlipOp => op === 'flipHorizontal' || op === 'flipVertical';

/**
 * What each op's magnitude means and its bounds. `step` is the UI's slider step; translation is in whole
 * pixels, since a shift of whole pixels with zero fill is exactly "pad, then crop at a random offset".
 */
export const MAGNITUDES: Record<MagnitudeOp, { min: number; max: number; step: number; what: string; whole?: boolean }> = {
  rotation: { min: 0, max: 180, step: 1, what: 'the largest rotation in degrees' },
  translation: { min: 0, max: 8, step: 1, what: 'the largest shift in pixels (the padding)', whole: true },
  scale: { min: 0, max: 0.5, step: 0.01, what: 'the largest zoom as a fraction (0.1 zooms between 0.9× and 1.1×)' },
  brightness: { min: 0, max: 1, step: 0.01, what: 'the largest brightness change, added to pixel values in [0, 1]' },
  contrast: { min: 0, max: 0.9, step: 0.01, what: 'the largest contrast change as a fraction (0.3 scales between 0.7× and 1.3×)' },
  noise: { min: 0, max: 0.5, step: 0.01, what: 'the standard deviation of the noise, on pixel values in [0, 1]' },
  cutout: { min: 0, max: 1, step: 0.01, what: 'the side of the erased square as a fraction of the image side' },
};

const probability = (op: string) =>
  z
    .number({ error: `${op}: the probability must be a number` })
    .min(0, { error: `${op}: the probability must be at least 0` })
    .max(1, { error: `${op}: the probability must be at most 1 (every image)` });

const flipSchema = (op: FlipOp) =>
  z.strictObject({
    enabled: z.boolean({ error: `${op}: enabled must be true or false` }).default(false),
    probability: probability(op).default(0.5),
  });

const magnitudeSchema = (op: MagnitudeOp) => {
  const m = MAGNITUDES[op];
  let magnitude = z
    .number({ error: `${op}: the magnitude (${m.what}) must be a number` })
    .min(m.min, { error: `${op}: the magnitude (${m.what}) must be at least ${m.min}` })
    .max(m.max, { error: `${op}: the magnitude (${m.what}) must be at most ${m.max}` });
  if (m.whole) magnitude = magnitude.int({ error: `${op}: the magnitude (${m.what}) must be a whole number` });
  return z.strictObject({
    enabled: z.boolean({ error: `${op}: enabled must be true or false` }).default(false),
    probability: probability(op).default(0.5),
    magnitude,
  });
};

export const augmentationSchema = z.strictObject({
  /** The master switch: off trains on the images as they are, keeping the settings below for later. */
  enabled: z.boolean({ error: 'augmentation: enabled must be true or false' }),
  flipHorizontal: flipSchema('flipHorizontal'),
  flipVertical: flipSchema('flipVertical'),
  rotation: magnitudeSchema('rotation'),
  translation: magnitudeSchema('translation'),
  scale: magnitudeSchema('scale'),
  brightness: magnitudeSchema('brightness'),
  contrast: magnitudeSchema('contrast'),
  noise: magnitudeSchema('noise'),
  cutout: magnitudeSchema('cutout'),
});

export type AugmentationSpec = z.infer<typeof augmentationSchema>;
export type FlipSettings = AugmentationSpec[FlipOp];
export type MagnitudeSettings = AugmentationSpec[MagnitudeOp];

const off = (probability: number, magnitude: number) => ({ enabled: false, probability, magnitude });
const on = (probability: number, magnitude: number) => ({ enabled: true, probability, magnitude });

/**
 * Handwritten digits: small rotations, shifts and zooms are how people write anyway. No flips: a mirrored
 * 2, 3 or 7 is no digit at all, and a 6 upside down reads as a 9, so flipping teaches wrong labels.
 */
const DIGITS: AugmentationSpec = {
  enabled: false,
  flipHorizontal: { enabled: false, probability: 0.5 },
  flipVertical: { enabled: false, probability: 0.5 },
  rotation: on(0.5, 10),
  translation: on(0.5, 2),
  scale: on(0.5, 0.1),
  brightness: off(0.5, 0.1),
  contrast: off(0.5, 0.2),
  noise: off(0.5, 0.05),
  cutout: off(0.5, 0.25),
};

/** Clothes: a mirrored shoe or shirt is still one; upside-down ones never occur, so no vertical flip. */
const CLOTHES: AugmentationSpec = {
  ...DIGITS,
  flipHorizontal: { enabled: true, probability: 0.5 },
  rotation: off(0.5, 10),
};

/**
 * Photos (CIFAR-10): the classic recipe, mirror images and "pad 4, crop 32" (a shift of up to 4 pixels),
 * with the course example's brightness ±0.1 and a contrast change. No vertical flip by default: test photos
 * are never upside down (the course's TensorFlow example flips them; try it and compare).
 */
const PHOTOS: AugmentationSpec = {
  enabled: false,
  flipHorizontal: { enabled: true, probability: 0.5 },
  flipVertical: { enabled: false, probability: 0.5 },
  rotation: off(0.5, 10),
  translation: on(1, 4),
  scale: off(0.5, 0.1),
  brightness: on(0.5, 0.1),
  contrast: on(0.5, 0.3),
  noise: off(0.5, 0.05),
  cutout: off(0.5, 0.25),
};

/** Frozen all the way down: configs and the store share these objects, so a stray write would change every default. */
function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

const DEFAULTS: Record<BuiltinDatasetId, AugmentationSpec> = deepFreeze({ mnist: DIGITS, 'fashion-mnist': CLOTHES, cifar10: PHOTOS });

/**
 * Own datasets take the digits' defaults: no flips, since nothing says the user's classes survive a mirror
 * (two classes may differ just in which side something is on).
 */
const defaultsOf = (id: DatasetId): AugmentationSpec => (isBuiltinDatasetId(id) ? DEFAULTS[id] : DIGITS);

/**
 * The settings that make sense for a dataset, with the master switch off: training on the images as they
 * are stays the default, so today's runs and results are unchanged until a student turns augmentation on.
 */
export function defaultAugmentation(id: DatasetId): AugmentationSpec {
  return structuredClone(defaultsOf(id));
}

/** What old saved runs (from before augmentation) and configs without the field train with: nothing changed. */
export const NO_AUGMENTATION: AugmentationSpec = DIGITS;

/** The ops that change images: the master switch on, the op on and its probability above 0. */
export function activeOps(spec: AugmentationSpec): AugmentOp[] {
  if (!spec.enabled) return [];
  return AUGMENT_OPS.filter((op) => spec[op].enabled && spec[op].probability > 0);
}

/** One line for tools (the CSV): "none", or e.g. "flipHorizontal p=0.5; rotation p=0.5 m=15". */
export function augmentationSummary(spec: AugmentationSpec): string {
  const ops = activeOps(spec);
  if (ops.length === 0) return 'none';
  return ops
    .map((op) => {
      const s = spec[op];
      return 'magnitude' in s ? `${op} p=${s.probability} m=${s.magnitude}` : `${op} p=${s.probability}`;
    })
    .join('; ');
}

/**
 * The settings after switching dataset `from` → `to`: settings still at `from`'s defaults become `to`'s
 * (keeping the master switch), settings the student changed stay as they are.
 */
export function augmentationAfterSwitch(current: AugmentationSpec, from: DatasetId, to: DatasetId): AugmentationSpec {
  const untouched = JSON.stringify({ ...current, enabled: false }) === JSON.stringify(defaultsOf(from));
  return untouched ? { ...defaultAugmentation(to), enabled: current.enabled } : current;
}
