import type { LessonCheck } from './types';

// The checks are pure functions of a small view of the app (state/lesson.ts builds it from the store), so
// each is tested on hand-made views without a browser or a trained model.

/** What the checks read of one run. */
export interface LessonRun {
  status: string;
  testAccuracy: number | null;
  optimizer: string;
  /** Whether augmentation changed its training images (the switch on and at least one operation active). */
  augmented: boolean;
  dataset: string;
  trainImages: number;
  /** Its model as a key: two runs with the same key trained the same architecture. */
  model: string;
  earlyStopped: boolean;
  epochs: { trainLoss: number; valLoss: number | null; valAccuracy: number | null }[];
  /** Started after the student opened this step: a run from an earlier step does not pass this step's checks. */
  fresh: boolean;
}

/** What the checks read of the app: the runs, the editor, the views open and what they show. */
export interface LessonView {
  /** The current run. */
  run: LessonRun | null;
  /** Every run of the comparison (the current one too). */
  runs: LessonRun[];
  layerCount: number;
  /** The editor's preset, null once the model was edited. */
  presetId: string | null;
  /** The type of the layer picked in the diagram or the views inside (a block's type for a block). */
  selectedLayerType: string | null;
  /** The run the views inside the network show, if any. */
  insideRunId: string | null;
  /** The run whose convolution the explainer shows worked out, if any. */
  explainedRunId: string | null;
  currentRunId: string | null;
  augmentationOn: boolean;
  /** The optimizers of the paths panel's traced comparison; null until one is traced. */
  pathsTraced: string[] | null;
  /** The evaluation the kept-model views show. */
  evaluation: { runId: string; split: string } | null;
  /** Cross-validations with every fold finished. */
  kfoldComplete: number;
  /** The overfitting lab's last comparison: runs queued and runs finished. */
  overfitLab: { queued: number; done: number };
}

/**
 * Relative rise of the validation loss above its lowest that counts as "rising": one epoch's validation
 * loss on a few hundred images moves by a few per cent on its own.
 */
export const VALIDATION_RISE = 0.1;
/** A cure narrows the gap when the final gap is at most this share of the other run's. */
export const NARROWER = 0.8;

const done = (r: LessonRun | null | undefined): r is LessonRun => r?.status === 'done';
/** The current run, where it was started in this step (the walkthrough found steps shown as done on arrival). */
const freshRun = (v: LessonView): LessonRun | null => (v.run?.fresh ? v.run : null);

function validated(run: LessonRun) {
  return run.epochs.filter((e): e is { trainLoss: number; valLoss: number; valAccuracy: number | null } => e.valLoss !== null && Number.isFinite(e.valLoss));
}

/** Validation minus training loss at the last validated epoch; null without validation. */
export function finalGap(run: LessonRun): number | null {
  const last = validated(run).at(-1);
  return last ? last.valLoss - last.trainLoss : null;
}

/** Validation loss rose from its lowest while training loss kept falling, or the final gap is at least `gap`. */
export function gapOpened(run: LessonRun, gap: number): boolean {
  const epochs = validated(run);
  const last = epochs.at(-1);
  if (!last) return false;
  if (last.valLoss - last.trainLoss >= gap) return true;
  const best = epochs.reduce((b, e) => (e.valLoss < b.valLoss ? e : b));
  return best !== last && last.valLoss > best.valLoss * (1 + VALIDATION_RISE) && last.trainLoss < best.trainLoss;
}

export function checkPassed(check: LessonCheck, v: LessonView): boolean {
  const finished = v.runs.filter(done);
  const run = freshRun(v);
  switch (check.kind) {
    case 'runFinished':
      return done(run);
    case 'testAccuracyAtLeast':
      return done(run) && run.testAccuracy !== null && run.testAccuracy >= check.value;
    case 'validationAccuracyAtLeast': {
      const last = run?.epochs.filter((e) => e.valAccuracy !== null).at(-1);
      return !!last && last.valAccuracy! >= check.value;
    }
    case 'lookedInside':
      return v.currentRunId !== null && v.insideRunId === v.currentRunId;
    case 'convExplained':
      return v.currentRunId !== null && v.explainedRunId === v.currentRunId;
    case 'layerSelected':
      return v.selectedLayerType !== null && check.types.includes(v.selectedLayerType);
    case 'layerCount':
      return v.layerCount === check.count;
    case 'presetLoaded':
      return v.presetId === check.preset;
    case 'pathsTraced':
      return v.pathsTraced !== null && check.optimizers.every((o) => v.pathsTraced!.includes(o));
    case 'optimizersCompared':
      return check.optimizers.every((o) => finished.some((r) => r.optimizer === o));
    case 'gapOpened':
      return !!run && gapOpened(run, check.gap);
    case 'gapNarrowed': {
      if (!done(run)) return false;
      const mine = finalGap(run);
      return (
        mine !== null &&
        finished.some((r) => {
          const other = r !== run && r.dataset === run.dataset ? finalGap(r) : null;
          return other !== null && other > 0 && mine <= other * NARROWER;
        })
      );
    }
    case 'earlyStopped':
      return done(run) && run.earlyStopped;
    case 'augmentationOn':
      return v.augmentationOn;
    case 'augmentationCompared':
      return finished.some((a) => a.augmented && finished.some((b) => !b.augmented && b.dataset === a.dataset && b.trainImages === a.trainImages));
    case 'overfitLabDone':
      return v.overfitLab.queued > 0 && v.overfitLab.done === v.overfitLab.queued;
    case 'evaluated':
      return v.evaluation !== null && v.evaluation.runId === v.currentRunId && (!check.split || v.evaluation.split === check.split);
    case 'kfoldDone':
      return v.kfoldComplete >= check.count;
    case 'modelsCompared': {
      const byDataset = new Map<string, Set<string>>();
      for (const r of finished) byDataset.set(r.dataset, (byDataset.get(r.dataset) ?? new Set()).add(r.model));
      return [...byDataset.values()].some((models) => models.size >= check.count);
    }
  }
}
