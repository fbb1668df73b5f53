import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { checkPassed, getLesson } from '../../lessons';
import { lessonView } from '../../state/lesson';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import './lessons.css';

/** The open lesson's step: what it is about, what to do, what to watch, and whether the student got there. */
export function LessonPanel() {
  const { t } = useTranslation();
  const open = useApp((s) => s.lesson);
  const passed = useApp((s) => {
    const step = s.lesson ? getLesson(s.lesson.id)?.steps[s.lesson.step] : undefined;
    return step?.check ? checkPassed(step.check, lessonView(s)) : null;
  });
  const lesson = open ? getLesson(open.id) : undefined;
  if (!open || !lesson) return null;
  const step = lesson.steps[open.step];
  const k = (part: string) => `lessons.${lesson.id}.${step.key}.${part}`;
  return (
    <section className="panel lesson-panel" data-testid="lesson-panel" aria-labelledby="lesson-title">
      <div className="row wrap lesson-head">
        <h2 id="lesson-title">{t(`lessons.${lesson.id}.title`)}</h2>
        <span className="muted">
          {t('lessons.stepOf', { step: open.step + 1, count: lesson.steps.length })} · {t('lessons.minutes', { minutes: lesson.minutes })}
        </span>
        <button type="button" data-testid="lesson-close" onClick={() => actions.openLesson.perform(null)}>
          {t('lessons.close')}
        </button>
      </div>
      <h3 data-testid="lesson-step-title">{t(k('title'))}</h3>
      <p>{t(k('text'))}</p>
      <p>
        <strong>{t('lessons.do')}:</strong> {t(k('do'))}
      </p>
      <p>
        <strong>{t('lessons.watch')}:</strong> {t(k('watch'))}
      </p>
      {passed !== null ? (
        <p className={passed ? 'lesson-check done' : 'lesson-check'} data-testid="lesson-check" data-passed={passed}>
          {passed ? `✓ ${t('lessons.checkDone')}` : t('lessons.checkWaiting')}
        </p>
      ) : null}
      <div className="row wrap">
        <button type="button" data-testid="lesson-previous" disabled={open.step === 0} onClick={() => actions.goToLessonStep.perform(open.step - 1)}>
          {t('lessons.previous')}
        </button>
        {step.experiment ? <ActionButton action={actions.loadLessonStep} testId="lesson-load" /> : null}
        <button
          type="button"
          className={passed ? 'primary' : undefined}
          data-testid="lesson-next"
          disabled={open.step >= lesson.steps.length - 1}
          onClick={() => actions.goToLessonStep.perform(open.step + 1)}
        >
          {t('lessons.next')}
        </button>
      </div>
    </section>
  );
}
