import { activeOps } from '../engine/augment/spec';
import { getLesson, type LessonRun, type LessonStep, type LessonView } from '../lessons';
import { crossValidations } from './crossValidation';
import type { PathsState } from './paths';
import type { Run } from './runs';
import type { AppState } from './store';

// What a lesson's checks read of the app's state (src/lessons/checks.ts): built here from the store and
// the paths lab's store, so the checks themselves stay pure.

function lessonRun(r: Run, before: ReadonlySet<string>): LessonRun {
  return {
    status: r.status,
    testAccuracy: r.test?.accuracy ?? null,
    optimizer: r.config.optimizer.type,
    augmented: activeOps(r.config.augmentation).length > 0,
    dataset: r.datasetId,
    trainImages: r.config.subsets.train,
    model: JSON.stringify(r.spec),
    earlyStopped: r.earlyStop !== null,
    epochs: r.epochs.map((e) => ({ trainLoss: e.trainLoss, valLoss: e.valLoss, valAccuracy: e.valAccuracy })),
    fresh: !before.has(r.id),
  };
}

export function lessonView(s: AppState, paths: Pick<PathsState, 'status' | 'result'>): LessonView {
  const before = new Set(s.lesson?.runsBefore[s.lesson.step] ?? []);
  const runs = s.runs.map((r) => lessonRun(r, before));
  const current = s.runs.findIndex((r) => r.id === s.currentRunId);
  const lab = s.dataLab.overfitRuns.map((l) => s.runs.find((r) => r.id === l.runId));
  const selected = s.selectedLayer !== null ? s.layers[s.selectedLayer]?.spec : undefined;
  return {
    run: current >= 0 ? runs[current] : null,
    runs,
    layerCount: s.layers.length,
    presetId: s.presetId,
    selectedLayerType: selected?.type ?? null,
    insideRunId: s.inside.inspection ? s.inside.runId : null,
    explainedRunId: s.inside.explanation ? s.inside.runId : null,
    currentRunId: s.currentRunId,
    augmentationOn: activeOps(s.augmentation).length > 0,
    pathsTraced: paths.status === 'ready' && paths.result ? paths.result.paths.map((p) => p.spec.type) : null,
    evaluation: s.results.evaluation ? { runId: s.results.evaluation.runId, split: s.results.evaluation.split } : null,
    kfoldComplete: crossValidations(s.runs.filter((r) => r.config.fold)).filter((g) => g.complete).length,
    overfitLab: { queued: lab.length, done: lab.filter((r) => r?.status === 'done').length },
  };
}

/** The step the open lesson is at, if a lesson is open. */
export function openStep(s: Pick<AppState, 'lesson'>): LessonStep | undefined {
  return s.lesson ? getLesson(s.lesson.id)?.steps[s.lesson.step] : undefined;
}
