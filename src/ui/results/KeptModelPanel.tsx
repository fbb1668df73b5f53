import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { hasKeptModel } from '../../actions/resultActions';
import { formatBytes } from '../../engine/train/memory';
import type { Run } from '../../state/runs';

// Statuses in which the run's model exists in the worker and can be looked at before it is kept.
const LIVE_STATUSES = ['running', 'pausing', 'paused', 'stopping'];
import { isTraining, useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { ExportCode } from './ExportCode';
import { InsidePanel } from '../inspect/InsidePanel';
import { EvaluationViews } from './EvaluationViews';
import { ImportModel } from './ImportModel';
import { testImages } from '../../actions/resultActions';
import { TryYourOwn } from '../input/TryYourOwn';
import { predictWithCurrent } from '../../actions/resultActions';
import { classNamesOf } from '../../state/datasetFacts';
import { FASHION_MNIST_FRAMING } from '../../engine/input/digitFraming';
import { listText } from '../common/listText';
import { useClassNames } from '../common/useClassNames';

/** Which weights a kept model holds, said from its run: the last epoch's, or the last before divergence. */
function weightsFrom(run: Pick<Run, 'divergence' | 'progress' | 'weightsFrom'>): { source: string; epoch: number } {
  if (run.weightsFrom) return { source: run.weightsFrom.source, epoch: (run.weightsFrom.epoch ?? 0) + 1 };
  if (run.divergence && run.progress) return { source: 'beforeDivergence', epoch: Math.floor(run.divergence.step / run.progress.batchesPerEpoch) + 1 };
  return { source: 'last', epoch: (run.progress?.epoch ?? 0) + 1 };
}

/** The current run's trained model: evaluate it, try it, take it along. */
export function KeptModelPanel() {
  const { t, i18n } = useTranslation();
  const s = useApp(
    useShallow((a) => ({ run: a.runs.find((r) => r.id === a.currentRunId) ?? null, results: a.results, training: isTraining(a), runs: a.runs })),
  );
  const kept = useApp((a) => hasKeptModel(a, a.currentRunId));
  const own = useApp((a) => a.own);
  const { results, run } = s;
  const stored = results.models.reduce((sum, m) => sum + m.bytes, 0);
  const unloadedNames = results.unloaded.map((id) => s.runs.find((r) => r.id === id)?.name ?? id);
  const evaluated = results.evaluation?.runId === run?.id ? results.evaluation : null;
  // Class names as the UI shows them; the evaluation keeps the dataset's own.
  const classNames = useClassNames(run?.datasetId, run ? classNamesOf({ own }, run.datasetId) : []);
  const shownNames = useClassNames(run?.datasetId, evaluated?.classNames ?? []);
  const evaluation = useMemo(() => (evaluated ? { ...evaluated, classNames: shownNames } : null), [evaluated, shownNames]);
  const from = run ? weightsFrom(run) : null;
  return (
    <section className="panel" data-testid="kept-model-panel">
      <h2>
        {t('keptModels.title')}
        {run ? ` · ${run.name}` : ''}
      </h2>
      {results.models.length > 0 ? (
        <p className="muted" data-testid="kept-models-storage">
          {t('keptModels.storage', { count: results.models.length, size: formatBytes(stored) })}
        </p>
      ) : null}
      {unloadedNames.length > 0 ? (
        <p className="notice" data-testid="models-unloaded">
          {t('keptModels.unloaded', { names: listText(unloadedNames, i18n.language) })}
        </p>
      ) : null}
      {!run ? <p className="muted">{t('keptModels.pick')}</p> : null}
      <ImportModel />
      {/* The experiment as Python needs no trained model: offered for any run. */}
      {run ? <ExportCode run={run} /> : null}
      {run && !kept && !s.training ? <p className="muted">{t('keptModels.none')}</p> : null}
      {/* The views inside work on the kept model, and on the model of the run while it trains. */}
      {run && (kept || LIVE_STATUSES.includes(run.status)) ? <InsidePanel runId={run.id} /> : null}
      {run && kept && from ? (
        <>
          <p data-testid="model-weights-from">{t(`keptModels.weightsFrom.${from.source}`, { epoch: from.epoch })}</p>
          <div className="row wrap">
            <ActionButton action={actions.evaluateRun} payload={{ runId: run.id, split: 'subset' }} label={t('keptModels.evaluateSubset')} testId="evaluate-subset" />
            <ActionButton action={actions.evaluateRun} payload={{ runId: run.id, split: 'full' }} label={t('keptModels.evaluateFull')} testId="evaluate-full" />
            <ActionButton action={actions.exportTrainedModel} payload={run.id} testId="export-trained-model" />
            <ActionButton action={actions.continueTraining} payload={run.id} testId="continue-training" />
          </div>
          {/* Remounted per model, so a drawing is never predicted by the previous run's model. */}
          <TryYourOwn
            key={run.id}
            imageShape={run.spec.inputShape as [number, number, number]}
            classNames={classNames}
            predict={predictWithCurrent}
            framing={run.datasetId === 'fashion-mnist' ? FASHION_MNIST_FRAMING : undefined}
          />
          {results.evaluating ? <p className="muted">{t('keptModels.evaluating')}</p> : null}
          {results.error ? <p className="error">{results.error}</p> : null}
          {evaluation ? (
            <>
              <p className="muted" data-testid="evaluated-count">
                {t('keptModels.evaluated', { count: evaluation.labels.length, ms: Math.round(evaluation.ms) })}
              </p>
              <EvaluationViews evaluation={evaluation} imageShape={run.spec.inputShape as [number, number, number]} loadImages={testImages} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
