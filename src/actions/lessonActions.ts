import { datasetFacts } from '../state/datasetFacts';
import { getLesson, type StepExperiment } from '../lessons';
import { restore } from '../experiment/restore';
import { getPreset } from '../engine/spec/presets';
import { CATALOG } from '../engine/data/catalog';
import { currentExperiment, experimentToEditor } from '../state/experiment';
import { getApp, isTraining, setApp } from '../state/store';
import { selectDataset } from './datasetActions';
import { defineAction } from './types';

// Lessons: open one (from the menu or ?lesson= in the address), move between its steps, and load a
// step's experiment into the editor through the same gate every experiment passes.

export const openLesson = defineAction<string | null>({
  name: 'openLesson',
  labelKey: 'lessons.open',
  perform(id) {
    setApp({ lesson: id && getLesson(id) ? { id, step: 0 } : null });
  },
});

export const goToLessonStep = defineAction<number>({
  name: 'goToLessonStep',
  labelKey: 'lessons.next',
  perform(step) {
    setApp((s) => {
      const lesson = s.lesson && getLesson(s.lesson.id);
      if (!s.lesson || !lesson) return {};
      return { lesson: { ...s.lesson, step: Math.max(0, Math.min(lesson.steps.length - 1, step)) } };
    });
  },
});

/** The editor's experiment with a step's changes; the preset is built for the step's (or current) dataset. */
function withStep(patch: StepExperiment) {
  const s = getApp();
  const e = currentExperiment(s);
  const dataset = patch.dataset ?? e.dataset;
  // A lesson may run on an own dataset the student chose (when its step leaves the dataset alone).
  const meta = datasetFacts(s, dataset) ?? CATALOG.mnist;
  const model = patch.preset ? { preset: patch.preset, layers: getPreset(patch.preset).build(meta.imageShape, meta.classNames.length).layers } : e.model;
  return { ...e, dataset, model, training: { ...e.training, ...patch.training } };
}

export const loadLessonStep = defineAction({
  name: 'loadLessonStep',
  labelKey: 'lessons.load',
  enabled: (s) => !isTraining(s) && s.lesson !== null,
  async perform() {
    const s = getApp();
    const step = s.lesson && getLesson(s.lesson.id)?.steps[s.lesson.step];
    if (!step?.experiment) return;
    const restored = restore(JSON.parse(JSON.stringify(withStep(step.experiment))), 'file');
    setApp(experimentToEditor(getApp(), restored.experiment));
    if (restored.experiment.dataset !== s.datasetId || !s.dataset) await selectDataset.perform(restored.experiment.dataset);
  },
});
