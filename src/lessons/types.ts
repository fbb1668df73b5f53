import type { BuiltinDatasetId } from '../engine/data/catalog';
import type { SurfaceId } from '../engine/paths/surfaces';
import type { PresetId } from '../engine/spec/presets';
import type { TrainingConfig } from '../engine/train/config';
import type { OptimizerType } from '../engine/train/optimizerSpec';
import type { EvaluationSplit } from '../engine/models/types';

// A lesson is data: steps with text keys (en and zh in src/i18n), the experiment a step loads, and a check
// that notices when the student got there. The UI renders it (src/ui/lessons); the checks read a small
// view of the app's state (checks.ts), so lessons are tested without a browser.

/** What a step changes in the editor when the student loads it; the rest of the experiment stays. */
export interface StepExperiment {
  dataset?: BuiltinDatasetId;
  preset?: PresetId;
  training?: Partial<Pick<TrainingConfig, 'epochs' | 'batchSize' | 'subsets' | 'seed' | 'optimizer' | 'schedule' | 'l1' | 'l2' | 'earlyStoppingPatience'>>;
  /** Augmentation: the dataset's own recipe switched on (true), or the master switch off (false). */
  augment?: boolean;
  /** Whether the optimizer-paths panel is open (the experiment's views.pathsOpen). */
  pathsOpen?: boolean;
  /** The paths panel's comparison: these optimizers, each at the rate that suits the surface. */
  paths?: { surface?: SurfaceId; optimizers: OptimizerType[] };
  /** The data lab's choices (they are not part of the experiment; the lab's own actions check them). */
  lab?: { folds?: number; overfitTrainImages?: number; overfitEpochs?: number; overfitModel?: string };
}

export type LessonCheck =
  /** The current run finished (not stopped, failed or diverged). */
  | { kind: 'runFinished' }
  /** The current run's test accuracy is at least `value` (0–1). */
  | { kind: 'testAccuracyAtLeast'; value: number }
  /** The current run's last validation accuracy is at least `value` (0–1). */
  | { kind: 'validationAccuracyAtLeast'; value: number }
  /** The views inside the network show the current run. */
  | { kind: 'lookedInside' }
  /** The convolution explainer shows one number of the current run's model worked out. */
  | { kind: 'convExplained' }
  /** The layer picked in the diagram or the views inside is of one of these types. */
  | { kind: 'layerSelected'; types: string[] }
  /** The editor's model has exactly `count` layers. */
  | { kind: 'layerCount'; count: number }
  /** The editor holds this preset, as it came. */
  | { kind: 'presetLoaded'; preset: PresetId }
  /** The paths panel traced a comparison that includes each of these optimizers. */
  | { kind: 'pathsTraced'; optimizers: OptimizerType[] }
  /** Finished runs exist with each of these optimizers. */
  | { kind: 'optimizersCompared'; optimizers: OptimizerType[] }
  /**
   * The current run overfits: its validation loss rose from its lowest while the training loss kept
   * falling, or its validation loss ends at least `gap` above its training loss.
   */
  | { kind: 'gapOpened'; gap: number }
  /** The current run finished with a clearly smaller final gap (validation − training loss) than another finished run on its dataset. */
  | { kind: 'gapNarrowed' }
  /** The current run ended by early stopping. */
  | { kind: 'earlyStopped' }
  /** Augmentation is switched on in the editor. */
  | { kind: 'augmentationOn' }
  /** Finished runs on the same number of training images exist with and without augmentation. */
  | { kind: 'augmentationCompared' }
  /** The overfitting lab's comparison was queued and all its runs finished. */
  | { kind: 'overfitLabDone' }
  /** The current run's kept model was evaluated (on the test subset or, if `split` says so, on that split). */
  | { kind: 'evaluated'; split?: EvaluationSplit }
  /** At least `count` cross-validations have every fold finished. */
  | { kind: 'kfoldDone'; count: number }
  /** Finished runs on one dataset exist for at least `count` different models. */
  | { kind: 'modelsCompared'; count: number };

export interface LessonStep {
  /** i18n keys under lessons.<lesson>.<step>: title, text (what it is about), do (what to do), watch (what to look at). */
  key: string;
  experiment?: StepExperiment;
  check?: LessonCheck;
  /** The data-testid of the panel the step works in: the UI scrolls to it (and shows it in presenter mode). */
  panel?: string;
}

export interface Lesson {
  id: string;
  /** Minutes of class it is written for. */
  minutes: number;
  steps: LessonStep[];
}
