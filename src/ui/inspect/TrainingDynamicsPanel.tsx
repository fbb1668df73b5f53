import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import type { Run } from '../../state/runs';
import { useApp, type AppState } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { useLiveValue } from '../common/useLiveValue';
import { useOnScreen } from '../common/useOnScreen';
import { DeadRelu } from './DeadRelu';
import { GradientNorms } from './GradientNorms';
import { WeightHistograms } from './WeightHistograms';
import './inspect.css';

// Weights and gradients over training, for one run or two side by side (the vanishing-gradient lesson
// compares a deep sigmoid stack with the same stack with ReLU and batch norm).

const REDRAW_MS = 1000;
const selectRuns = (s: AppState) => s.runs;

function RunDynamics({ run }: { run: Run }) {
  const { t } = useTranslation();
  if (!run.dynamics) return <p className="muted">{t('dynamics.notStarted')}</p>;
  const totalSteps = run.progress?.totalSteps ?? run.batches.length;
  return (
    <>
      <GradientNorms batches={run.batches} layout={run.dynamics} totalSteps={totalSteps} />
      <WeightHistograms snapshots={run.snapshots} layout={run.dynamics} />
      <DeadRelu snapshots={run.snapshots} relus={run.dynamics.relus.length} probeImages={run.dynamics.probeImages} />
    </>
  );
}

function RunPicker({ side, value, runs }: { side: 'left' | 'right'; value: string | null; runs: Run[] }) {
  const { t } = useTranslation();
  return (
    <label className="field inline">
      <span>{t(`dynamics.${side}`)}</span>
      <select data-testid={`dynamics-${side}`} value={value ?? ''} onChange={(e) => actions.setDynamicsRun.perform({ side, runId: e.target.value || null })}>
        <option value="">{side === 'left' ? t('dynamics.currentRun') : t('dynamics.noneBeside')}</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TrainingDynamicsPanel() {
  const { t } = useTranslation();
  // Redrawn once a second while runs train (a transition render), not on every batch, and only on screen.
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const runs = useLiveValue(selectRuns, REDRAW_MS, 250, onScreen);
  const pair = useApp((s) => s.dynamicsPair);
  const currentId = useApp((s) => s.currentRunId);
  const withData = runs.filter((r) => r.dynamics !== null || r.status === 'queued');
  const left = runs.find((r) => r.id === (pair.left ?? currentId)) ?? null;
  const right = pair.right ? (runs.find((r) => r.id === pair.right) ?? null) : null;
  return (
    <section className="panel" data-testid="dynamics-panel" ref={ref}>
      <h2>{t('dynamics.title')}</h2>
      <p className="muted">{t('dynamics.about')}</p>
      <div className="row wrap">
        <RunPicker side="left" value={pair.left} runs={withData} />
        <RunPicker side="right" value={pair.right} runs={withData} />
      </div>
      <div className="lesson-box">
        <p>{t('dynamics.lesson.text')}</p>
        <ActionButton action={actions.queueVanishingGradientLesson} testId="vanishing-lesson" />
      </div>
      <div className={right ? 'dynamics-columns two' : 'dynamics-columns'}>
        {[left, right].map((run, i) =>
          run ? (
            <div key={i} className="dynamics-column" data-testid="dynamics-run" data-run={run.id}>
              <h3>
                <span className="swatch" style={{ background: run.colour }} /> {run.name}
              </h3>
              <RunDynamics run={run} />
            </div>
          ) : i === 0 ? (
            <p key={i} className="muted">
              {t('dynamics.pickRun')}
            </p>
          ) : null,
        )}
      </div>
    </section>
  );
}
