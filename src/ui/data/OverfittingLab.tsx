import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { PRESETS } from '../../engine/spec/presets';
import { OVERFIT_EPOCHS, OVERFIT_TRAIN_SIZES } from '../../state/overfittingRuns';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { GapChart } from '../charts/GapChart';
import { ActionButton } from '../common/ActionButton';
import { percent } from './labText';

/** The overfitting lab: a small subset and a model, the classic comparison queued in one click, each run's gap. */
export function OverfittingLab() {
  const { t } = useTranslation();
  const lab = useApp(useShallow((s) => ({ images: s.dataLab.overfitTrainImages, epochs: s.dataLab.overfitEpochs, model: s.dataLab.overfitModel, error: s.dataLab.overfitError })));
  const labRuns = useApp((s) => s.dataLab.overfitRuns);
  const runs = useApp(useShallow((s) => s.runs.filter((r) => s.dataLab.overfitRuns.some((l) => l.runId === r.id))));
  const training = useTransitionApp(isTraining);
  const shown = labRuns.flatMap(({ kind, runId }) => {
    const run = runs.find((r) => r.id === runId);
    return run ? [{ kind, run }] : [];
  });
  return (
    <section className="panel" data-testid="overfitting-lab">
      <h2>{t('overfit.title')}</h2>
      <p className="muted">{t('overfit.intro')}</p>
      <div className="lab-controls">
        <label className="field inline">
          <span>{t('overfit.trainImages')}</span>
          <select data-testid="overfit-images" value={lab.images} disabled={training} onChange={(e) => actions.setOverfitChoice.perform({ overfitTrainImages: Number(e.target.value) })}>
            {OVERFIT_TRAIN_SIZES.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t('overfit.epochs')}</span>
          <select data-testid="overfit-epochs" value={lab.epochs} disabled={training} onChange={(e) => actions.setOverfitChoice.perform({ overfitEpochs: Number(e.target.value) })}>
            {OVERFIT_EPOCHS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t('overfit.model')}</span>
          <select data-testid="overfit-model" value={lab.model} disabled={training} onChange={(e) => actions.setOverfitChoice.perform({ overfitModel: e.target.value })}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`preset.${p.id}`)}
              </option>
            ))}
            <option value="editor">{t('overfit.editorModel')}</option>
          </select>
        </label>
        <ActionButton action={actions.queueOverfittingLab} testId="overfit-queue" />
      </div>
      <p className="muted">{t('overfit.what')}</p>
      {lab.error ? <p className="error">{lab.error}</p> : null}
      {shown.length > 0 ? (
        <>
          <p className="muted">{t('overfit.reading')}</p>
          <div className="gap-charts">
            {shown.map(({ kind, run }) => {
              const vals = run.epochs.map((e) => e.valAccuracy).filter((v): v is number => v !== null);
              return (
                <div key={run.id} data-testid={`overfit-run-${kind}`}>
                  <GapChart name={run.name} colour={run.colour} epochs={run.epochs} testId={`gap-chart-${kind}`} />
                  <p className="muted gap-note" data-testid={`overfit-val-${kind}`}>
                    {t('overfit.valAccuracy', { value: percent(vals.length ? vals[vals.length - 1] : null), best: percent(vals.length ? Math.max(...vals) : null) })}
                  </p>
                </div>
              );
            })}
          </div>
          <p className="muted">{t('overfit.rank')}</p>
        </>
      ) : null}
    </section>
  );
}
