import { getLesson, stepPathRequest, withStep } from '../lessons';
import { datasetFacts } from '../state/datasetFacts';
import { restore } from '../experiment/restore';
import { pathRequestSchema } from '../engine/paths/request';
import { currentExperiment, experimentToEditor } from '../state/experiment';
import { getPaths, PATH_COLORS, pathRow, setPaths } from '../state/paths';
import { getApp, isTraining, setApp, type AppState } from '../state/store';
import { setFolds, setOverfitChoice } from './dataLabActions';
import { selectDataset } from './datasetActions';
import { tracePaths } from './pathActions';
import { defineAction } from './types';

// Lessons: open one (from the menu or ?lesson= in the address), move between its steps, and load a
// step's experiment into the editor through the same gate every experiment passes.

/** The runs there are now: a step opened now counts only runs started after it (src/lessons/checks.ts). */
const runIds = (s: AppState) => s.runs.map((r) => r.id);

export const openLesson = defineAction<string | null>({
  name: 'openLesson',
  labelKey: 'lessons.open',
  perform(id) {
    setApp((s) => ({ lesson: id && getLesson(id) ? { id, step: 0, runsBefore: { 0: runIds(s) } } : null }));
  },
});

export const goToLessonStep = defineAction<number>({
  name: 'goToLessonStep',
  labelKey: 'lessons.next',
  perform(step) {
    setApp((s) => {
      const lesson = s.lesson && getLesson(s.lesson.id);
      if (!s.lesson || !lesson) return {};
      const next = Math.max(0, Math.min(lesson.steps.length - 1, step));
      // A step's checks count only runs started in it: the ones there when it is first opened are the earlier
      // steps'. Going back to a step keeps what it counted, so a step done stays done.
      const runsBefore = next in s.lesson.runsBefore ? s.lesson.runsBefore : { ...s.lesson.runsBefore, [next]: runIds(s) };
      return { lesson: { ...s.lesson, step: next, runsBefore } };
    });
  },
});

export const loadLessonStep = defineAction({
  name: 'loadLessonStep',
  labelKey: 'lessons.load',
  enabled: (s) => !isTraining(s) && s.lesson !== null,
  async perform() {
    const s = getApp();
    const step = s.lesson && getLesson(s.lesson.id)?.steps[s.lesson.step];
    if (!step?.experiment) return;
    const { paths, lab } = step.experiment;
    const restored = restore(JSON.parse(JSON.stringify(withStep(currentExperiment(s), step.experiment, (id) => datasetFacts(s, id)))), 'file');
    setApp(experimentToEditor(getApp(), restored.experiment));
    // The paths lab and the data lab keep their own state: each through its own gate (the request schema, the lab's actions).
    if (paths) {
      const request = pathRequestSchema.safeParse(stepPathRequest(paths, getPaths().surface));
      if (request.success) {
        const { surface, start, steps, optimizers } = request.data;
        setPaths({ surface, start, steps, rows: optimizers.map((o, i) => pathRow(o, PATH_COLORS[i % PATH_COLORS.length])), result: null, status: 'idle', frame: 0, playing: false });
        void tracePaths.perform();
      }
    }
    if (lab?.folds !== undefined) setFolds.perform(lab.folds);
    if (lab) {
      const { folds: _folds, ...overfit } = lab;
      if (Object.keys(overfit).length > 0) setOverfitChoice.perform(overfit);
    }
    if (restored.experiment.dataset !== s.datasetId || !s.dataset) await selectDataset.perform(restored.experiment.dataset);
  },
});
