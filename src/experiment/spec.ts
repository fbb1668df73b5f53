import type { DatasetId } from '../engine/data/catalog';
import type { ItemSpec } from '../engine/spec/layers';
import { getPreset, type PresetId } from '../engine/spec/presets';
import { DEFAULT_TRAINING, type TrainingConfig } from '../engine/train/config';

// One experiment: everything a user sets in the editor, as plain JSON. It is what the editor persists,
// what a share link and an exported file carry, and what restore.ts reads back from any of them.

/** The shape written today. restore.ts migrates older ones up to it (migrate.ts). */
export const EXPERIMENT_VERSION = 1;

/** Controls a classroom link hides or locks, by setting key (settings.ts says which may be). */
export interface Classroom {
  hidden: string[];
  locked: string[];
}

export interface Experiment {
  version: typeof EXPERIMENT_VERSION;
  dataset: DatasetId;
  model: {
    /** The preset the layers came from, untouched since; null once edited. A preset adapts to the dataset. */
    preset: PresetId | null;
    /** As the editor holds them: a value the builder flags (a kernel too big for the input) is kept. */
    layers: ItemSpec[];
  };
  /** The training settings in the trainer's own shape, subsets and seed included. */
  training: TrainingConfig;
  views: {
    /** Whether the optimizer-paths panel is open. */
    pathsOpen: boolean;
    /** The layer picked in the network diagram (spec index). */
    selectedLayer: number | null;
    /** The charts' x-axis and whether the loss axis is logarithmic. */
    chartX: ChartX;
    logLoss: boolean;
  };
  classroom: Classroom;
}

/** The charts' x-axis choices (the store's chartX; ui/charts/runSeries.ts draws them, a test checks they agree). */
export const CHART_X = ['epochs', 'images', 'time'] as const;
export type ChartX = (typeof CHART_X)[number];

export const DEFAULT_PRESET: PresetId = 'lenet-modern';

/**
 * Training-config fields that belong to single runs, never to the editor's experiment: the data lab sets a
 * fold or a bootstrap sample on each run it queues (src/actions/dataLabActions.ts).
 */
export const RUN_ONLY_TRAINING_FIELDS = ['fold', 'bootstrap'] as const;

/** A training config as an experiment holds it: without the run-only fields. */
export function editorTraining(config: TrainingConfig): TrainingConfig {
  const training = { ...config };
  for (const key of RUN_ONLY_TRAINING_FIELDS) delete training[key];
  return training;
}

/** What the app opens with: the modern LeNet on MNIST with the default training settings. */
export function defaultExperiment(): Experiment {
  return {
    version: EXPERIMENT_VERSION,
    dataset: 'mnist',
    model: { preset: DEFAULT_PRESET, layers: getPreset(DEFAULT_PRESET).build([28, 28, 1], 10).layers },
    training: editorTraining(structuredClone(DEFAULT_TRAINING)),
    views: { pathsOpen: false, selectedLayer: null, chartX: 'epochs', logLoss: false },
    classroom: { hidden: [], locked: [] },
  };
}
