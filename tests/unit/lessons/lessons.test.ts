import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { getLesson, LESSONS, stepPathRequest, withStep } from '../../../src/lessons';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment, type Experiment } from '../../../src/experiment/spec';
import { pathRequestSchema } from '../../../src/engine/paths/request';
import { PRESETS } from '../../../src/engine/spec/presets';
import { MAX_FOLDS, MIN_FOLDS } from '../../../src/engine/data/folds';
import { OVERFIT_EPOCHS, OVERFIT_TRAIN_SIZES } from '../../../src/state/overfittingRuns';
import { activeOps } from '../../../src/engine/augment/spec';

// Lessons are data: every lesson of the course is there, every step's texts exist in both languages, and
// every step's settings pass the gates they go through when a student loads them.

type Texts = Record<string, unknown>;
const lessonTexts = (messages: unknown) => (messages as { lessons: Texts }).lessons;

describe('lessons', () => {
  it('cover the course’s topics, one lesson each, 4–7 steps of a 45-minute class', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['convolution-pooling', 'lenet-mnist', 'optimizers', 'overfitting', 'augmentation', 'metrics', 'kfold', 'architectures']);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length, lesson.id).toBeGreaterThanOrEqual(4);
      expect(lesson.steps.length, lesson.id).toBeLessThanOrEqual(7);
      expect(new Set(lesson.steps.map((s) => s.key)).size, lesson.id).toBe(lesson.steps.length);
    }
    expect(getLesson('no-such-lesson')).toBeUndefined();
  });

  it('have every step’s title, text, what to do and what to watch, and the panel it names, in English and Chinese', () => {
    for (const [name, messages] of [['en', en], ['zh', zh]] as const) {
      const all = lessonTexts(messages);
      for (const lesson of LESSONS) {
        const texts = all[lesson.id] as Record<string, Record<string, string> | string>;
        expect(typeof texts.title, `${name} ${lesson.id}.title`).toBe('string');
        for (const step of lesson.steps) {
          for (const part of ['title', 'text', 'do', 'watch']) expect((texts[step.key] as Record<string, string>)?.[part], `${name} ${lesson.id}.${step.key}.${part}`).toBeTruthy();
          if (step.panel) expect((all.panels as Record<string, string>)[step.panel], `${name} panel ${step.panel}`).toBeTruthy();
        }
      }
    }
  });

  it('write Chinese that is Chinese, not English left untranslated', () => {
    const zhLessons = lessonTexts(zh);
    for (const lesson of LESSONS)
      for (const step of lesson.steps) {
        const t = (zhLessons[lesson.id] as Record<string, Record<string, string>>)[step.key];
        // Titles may be a name alone (“LeNet-5（1998）”, “Adam”); the sentences never are.
        for (const part of ['text', 'do', 'watch']) {
          const han = (t[part].match(/[\u4e00-\u9fff]/g) ?? []).length;
          expect(han, `${lesson.id}.${step.key}.${part}: ${t[part]}`).toBeGreaterThanOrEqual(5);
        }
      }
  });

  it('load settings the restore gate accepts without a problem, step after step as a student loads them', () => {
    for (const lesson of LESSONS) {
      let e: Experiment = defaultExperiment();
      for (const step of lesson.steps) {
        if (!step.experiment) continue;
        const where = `${lesson.id}.${step.key}`;
        const next = withStep(e, step.experiment);
        const restored = restore(JSON.parse(JSON.stringify(next)), 'file');
        expect(restored.problems, where).toEqual([]);
        // What the step sets is what the editor then holds.
        const x = step.experiment;
        if (x.dataset) expect(restored.experiment.dataset, where).toBe(x.dataset);
        if (x.preset) expect(restored.experiment.model.preset, where).toBe(x.preset);
        for (const [key, value] of Object.entries(x.training ?? {})) expect(restored.experiment.training[key as keyof Experiment['training']], `${where} ${key}`).toEqual(value);
        if (x.augment !== undefined) expect(activeOps(restored.experiment.training.augmentation).length > 0, where).toBe(x.augment);
        if (x.paths) {
          expect(restored.experiment.views.pathsOpen, where).toBe(true);
          const request = pathRequestSchema.safeParse(stepPathRequest(x.paths, 'rosenbrock'));
          expect(request.success, where).toBe(true);
          expect(request.data!.optimizers.map((o) => o.type), where).toEqual(x.paths.optimizers);
        }
        if (x.lab?.folds !== undefined) expect(x.lab.folds >= MIN_FOLDS && x.lab.folds <= MAX_FOLDS, where).toBe(true);
        if (x.lab?.overfitTrainImages !== undefined) expect(OVERFIT_TRAIN_SIZES as readonly number[], where).toContain(x.lab.overfitTrainImages);
        if (x.lab?.overfitEpochs !== undefined) expect(OVERFIT_EPOCHS as readonly number[], where).toContain(x.lab.overfitEpochs);
        if (x.lab?.overfitModel !== undefined) expect([...PRESETS.map((p) => p.id), 'editor'], where).toContain(x.lab.overfitModel);
        e = restored.experiment;
      }
    }
  });

  it('build a preset for the step’s dataset and keep what a step does not name', () => {
    const e = defaultExperiment();
    const photos = withStep(e, { dataset: 'cifar10', preset: 'lenet5', augment: true });
    expect(photos.model.layers[0]).toMatchObject({ type: 'conv2d', padding: 'valid' }); // 32×32 input: LeNet-5's C1 without padding
    expect(photos.training.augmentation.flipHorizontal.enabled).toBe(true); // photos are mirrored, digits never
    expect(withStep(e, { dataset: 'mnist', augment: true }).training.augmentation.flipHorizontal.enabled).toBe(false);
    const onlyEpochs = withStep(e, { training: { epochs: 7 } });
    expect(onlyEpochs.training).toEqual({ ...e.training, epochs: 7 });
    expect(onlyEpochs.model).toEqual(e.model);
    expect(onlyEpochs.views).toEqual(e.views);
  });
});
