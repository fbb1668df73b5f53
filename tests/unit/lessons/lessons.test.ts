import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { checkPassed, getLesson, LESSONS, type LessonView } from '../../../src/lessons';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment } from '../../../src/experiment/spec';

// Lessons are data: every step's texts exist in both languages, and each check notices exactly when the
// student got there.

const view = (over: Partial<LessonView> = {}): LessonView => ({ run: null, layerCount: 8, insideRunId: null, currentRunId: null, ...over });

describe('lessons', () => {
  it('have every step’s title, text, what to do and what to watch in English and Chinese', () => {
    for (const lesson of LESSONS) {
      for (const messages of [en, zh] as unknown as Record<string, Record<string, Record<string, Record<string, string>>>>[]) {
        const texts = messages.lessons[lesson.id] as unknown as Record<string, Record<string, string> | string>;
        expect(typeof texts.title).toBe('string');
        for (const step of lesson.steps) for (const part of ['title', 'text', 'do', 'watch']) expect((texts[step.key] as Record<string, string>)[part], `${lesson.id}.${step.key}.${part}`).toBeTruthy();
      }
    }
  });

  it('load experiments the restore gate accepts without a problem', () => {
    for (const lesson of LESSONS)
      for (const step of lesson.steps) {
        if (!step.experiment) continue;
        const e = defaultExperiment();
        const restored = restore({ ...e, training: { ...e.training, ...step.experiment.training } }, 'file');
        expect(restored.problems, `${lesson.id}.${step.key}`).toEqual([]);
      }
  });

  it('check what they say', () => {
    expect(checkPassed({ kind: 'layerCount', count: 8 }, view())).toBe(true);
    expect(checkPassed({ kind: 'layerCount', count: 8 }, view({ layerCount: 9 }))).toBe(false);
    const done = (accuracy: number, status = 'done') => view({ run: { status, testAccuracy: accuracy } });
    expect(checkPassed({ kind: 'testAccuracyAtLeast', value: 0.9 }, done(0.93))).toBe(true);
    expect(checkPassed({ kind: 'testAccuracyAtLeast', value: 0.9 }, done(0.89))).toBe(false);
    expect(checkPassed({ kind: 'testAccuracyAtLeast', value: 0.9 }, done(0.95, 'stopped'))).toBe(false);
    expect(checkPassed({ kind: 'runFinished' }, done(0.1))).toBe(true);
    expect(checkPassed({ kind: 'lookedInside' }, view({ currentRunId: 'a', insideRunId: 'a' }))).toBe(true);
    expect(checkPassed({ kind: 'lookedInside' }, view({ currentRunId: 'a', insideRunId: 'b' }))).toBe(false);
    expect(getLesson('no-such-lesson')).toBeUndefined();
  });
});
