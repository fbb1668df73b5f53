import type { BuiltinDatasetId } from '../engine/data/catalog';
import type { PresetId } from '../engine/spec/presets';
import type { TrainingConfig } from '../engine/train/config';

// A lesson is data: steps with text keys (en and zh in src/i18n), the experiment a step loads, and a check
// that notices when the student got there. The UI renders it (src/ui/lessons); the checks read a small
// view of the app's state (checks.ts), so lessons are tested without a browser.

/** What a step changes in the editor when the student loads it; the rest of the experiment stays. */
export interface StepExperiment {
  dataset?: BuiltinDatasetId;
  preset?: PresetId;
  training?: Partial<Pick<TrainingConfig, 'epochs' | 'batchSize' | 'subsets' | 'seed' | 'optimizer'>>;
}

export type LessonCheck =
  /** The current run finished (not stopped, failed or diverged). */
  | { kind: 'runFinished' }
  /** The current run's test accuracy is at least `value` (0–1). */
  | { kind: 'testAccuracyAtLeast'; value: number }
  /** The views inside the network show the current run. */
  | { kind: 'lookedInside' }
  /** The editor's model has exactly `count` layers. */
  | { kind: 'layerCount'; count: number };

export interface LessonStep {
  /** i18n keys under lessons.<lesson>.<step>: title, text (what it is about), do (what to do), watch (what to look at). */
  key: string;
  experiment?: StepExperiment;
  check?: LessonCheck;
}

export interface Lesson {
  id: string;
  /** Minutes of class it is written for. */
  minutes: number;
  steps: LessonStep[];
}
