import { defaultAugmentation } from '../engine/augment/spec';
import type { DatasetId } from '../engine/data/catalog';
import type { ModelSpec } from '../engine/spec/layers';
import type { TrainingConfig } from '../engine/train/config';

// The overfitting lab's classic comparison: one model on one small training subset and seed, trained with
// nothing against overfitting, then with one remedy each, then on more data; and a model too small to fit
// even the training images (underfitting). Everything else (optimizer, batch size, epochs, validation and
// test subsets) is the same, so the curves differ by the one change the run's name says.

export const OVERFIT_KINDS = ['plain', 'dropout', 'l2', 'augmentation', 'moreData', 'underfit'] as const;
export type OverfitKind = (typeof OVERFIT_KINDS)[number];

export const OVERFIT_TRAIN_SIZES = [100, 200, 500, 1000] as const;
export const OVERFIT_EPOCHS = [5, 10, 20, 40] as const;
/** "More data" trains on this many times the images. */
export const MORE_DATA_FACTOR = 5;
export const DROPOUT_RATE = 0.5;
export const L2_DECAY = 0.001;
/** The underfitting model's bottleneck: two hidden units cannot tell ten classes apart well. */
export const TINY_UNITS = 2;

export interface OverfitVariant {
  kind: OverfitKind;
  spec: ModelSpec;
  config: TrainingConfig;
}

/** The model without its dropout layers: the plain run has no regularisation at all. */
export function withoutDropout(spec: ModelSpec): ModelSpec {
  return { ...spec, layers: spec.layers.filter((l) => l.type !== 'dropout') };
}

/** Dropout before the classifier (the last layer), where the most weights meet the fewest images. */
export function withDropout(spec: ModelSpec, rate = DROPOUT_RATE): ModelSpec {
  const layers = withoutDropout(spec).layers;
  return { ...spec, layers: [...layers.slice(0, -1), { type: 'dropout', rate }, ...layers.slice(-1)] };
}

export function tinyModel(inputShape: ModelSpec['inputShape'], numClasses: number): ModelSpec {
  return {
    inputShape,
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: TINY_UNITS, activation: 'relu' },
      { type: 'dense', units: numClasses, activation: 'softmax' },
    ],
  };
}

export interface OverfitRequest {
  datasetId: DatasetId;
  spec: ModelSpec;
  /** The editor's config: optimizer, batch size, seed, validation and test subsets come from it. */
  base: TrainingConfig;
  trainImages: number;
  epochs: number;
  numClasses: number;
  /** Images of the dataset's training split, which bounds "more data" (with the validation subset). */
  trainCount: number;
}

export function overfitVariants(r: OverfitRequest): OverfitVariant[] {
  if (r.trainImages < 10) throw new Error(`the overfitting lab needs at least 10 training images, not ${r.trainImages}`);
  const room = r.trainCount - r.base.subsets.validation;
  if (r.trainImages > room) throw new Error(`${r.trainImages} training images and the ${r.base.subsets.validation} validation images exceed the ${r.trainCount} of the training split`);
  const config: TrainingConfig = {
    ...r.base,
    epochs: r.epochs,
    subsets: { ...r.base.subsets, train: r.trainImages },
    l1: 0,
    l2: 0,
    // Early stopping is itself a remedy: off, so every run shows all its epochs.
    earlyStoppingPatience: 0,
    augmentation: { ...defaultAugmentation(r.datasetId), enabled: false },
    fold: null,
    bootstrap: null,
  };
  const plain = withoutDropout(r.spec);
  return [
    { kind: 'plain', spec: plain, config },
    { kind: 'dropout', spec: withDropout(plain), config },
    { kind: 'l2', spec: plain, config: { ...config, l2: L2_DECAY } },
    { kind: 'augmentation', spec: plain, config: { ...config, augmentation: { ...config.augmentation, enabled: true } } },
    { kind: 'moreData', spec: plain, config: { ...config, subsets: { ...config.subsets, train: Math.min(room, r.trainImages * MORE_DATA_FACTOR) } } },
    { kind: 'underfit', spec: tinyModel(r.spec.inputShape, r.numClasses), config },
  ];
}
