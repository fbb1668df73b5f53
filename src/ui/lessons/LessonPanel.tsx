import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { checkPassed, getLesson } from '../../lessons';
import { lessonView, openStep } from '../../state/lesson';
import { usePaths } from '../../state/paths';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import './lessons.css';

/** How long the panel a step works in stays outlined after "Go to". */
const HIGHLIGHT_MS = 2500;

/** Scrolls the step's panel into view and outlines it a moment; a panel not on the page yet (no run) is skipped. */
function goToPanel(testId: string): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el.classList.add('lesson-target');
  setTimeout(() => el.classList.remove('lesson-target'), HIGHLIGHT_MS);
}

/** The open lesson's step: what it is about, what to do, what to watch, and whether the student got there. */
export function LessonPanel() {
  const { t } = useTranslation();
  const open = useApp((s) => s.lesson);
  // The paths lab keeps its own store; the checks read it through the same view.
  const paths = usePaths(useShallow((p) => ({ status: p.status, result: p.result })));
  const passed = useApp((s) => {
    const step = openStep(s);
    return step?.check ? checkPassed(step.check, lessonView(s, paths)) : null;
  });
  const lesson = open ? getLesson(open.id) : undefined;
  if (!open || !lesson) return null;
  const step = lesson.steps[open.step];
  const k = (part: string) => `lessons.${lesson.id}.${step.key}.${part}`;
  return (
    <section className="panel lesson-panel" data-testid="lesson-panel" data-lesson={lesson.id} data-step={step.key} aria-labelledby="lesson-title">
      <div className="row wrap lesson-head">
        <h2 id="lesson-title">{t(`lessons.${lesson.id}.title`)}</h2>
        <span className="muted">
          {t('lessons.stepOf', { step: open.step + 1, count: lesson.steps.length })} · {t('lessons.minutes', { minutes: lesson.minutes })}
        </span>
        <button type="button" data-testid="lesson-close" onClick={() => actions.openLesson.perform(null)}>
          {t('lessons.close')}
        </button>
      </div>
      {/* What the step is about beside what to do: side by side on a wide screen, so the app stays in view below. */}
      <div className="lesson-body">
        <div className="lesson-about">
          <h3 data-testid="lesson-step-title">{t(k('title'))}</h3>
          <p>{t(k('text'))}</p>
        </div>
        <div className="lesson-act">
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
            {step.panel ? (
              <button type="button" data-testid="lesson-go" onClick={() => goToPanel(step.panel!)}>
                {t('lessons.goTo', { panel: t(`lessons.panels.${step.panel}`) })}
              </button>
            ) : null}
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
        </div>
      </div>
    </section>
  );
}
