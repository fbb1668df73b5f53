import type { AppState } from './store';
import type { ModelSpec } from '../engine/spec/layers';
import type { TrainingConfig } from '../engine/train/config';

/** The model as the shareable JSON spec (input shape from the dataset). */
export function currentSpec(s: AppState): ModelSpec {
  return {
    inputShape: s.dataset?.imageShape ?? [28, 28, 1],
    layers: s.layers.map((l) => l.spec),
  };
}

export function currentConfig(s: AppState): TrainingConfig {
  return {
    optimizer: s.optimizer,
    schedule: s.schedule,
    loss: s.loss,
    init: s.init,
    batchSize: s.batchSize,
    epochs: s.epochs,
    seed: s.seed,
    subsets: s.subsets,
    l1: s.l1,
    l2: s.l2,
    earlyStoppingPatience: s.earlyStoppingPatience,
    restoreBestWeights: s.restoreBestWeights,
    augmentation: s.augmentation,
    // Folds and bootstrap samples are set by the data lab's actions on the runs they queue, never by the editor.
    fold: null,
    bootstrap: null,
  };
}

/**
 * The editor fields a config fills: every config field with a store field of the same name, so
 * fields added to both later round-trip without changes here.
 */
export function configToEditor(s: AppState, config: TrainingConfig): Partial<AppState> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => key in s)) as Partial<AppState>;
}
