import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { canStart } from '../../actions/trainingActions';
import { OPTIMIZER_TYPES, type OptimizerType } from '../../engine/train/optimizerSpec';
import { useShallow } from 'zustand/react/shallow';
import { isTraining, useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { NumberField } from '../common/NumberField';
import { formatDuration } from '../model/format';

export function TrainingPanel() {
  const { t } = useTranslation();
  const s = useApp(
    useShallow((a) => ({ optimizer: a.optimizer, batchSize: a.batchSize, epochs: a.epochs, hasDataset: !!a.dataset, run: a.run })),
  );
  const training = useApp(isTraining);
  const startable = useApp(canStart);
  const { run } = s;
  const p = run.progress;
  const hyper = Object.entries(s.optimizer).filter(([k]) => k !== 'type') as [string, number][];
  return (
    <section className="panel" data-testid="training-panel">
      <h2>{t('training.title')}</h2>
      <div className="row wrap">
        <label className="field">
          <span>{t('training.optimizer')}</span>
          <select
            data-testid="optimizer-select"
            value={s.optimizer.type}
            disabled={training}
            onChange={(e) => actions.chooseOptimizer.perform(e.target.value as OptimizerType)}
          >
            {OPTIMIZER_TYPES.map((o) => (
              <option key={o} value={o}>
                {t(`optimizer.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {hyper.map(([key, value]) => (
          <NumberField
            key={`${s.optimizer.type}-${key}`}
            label={t(`hyper.${key}`)}
            value={value}
            step={key === 'learningRate' ? 0.0005 : 0.01}
            disabled={training}
            testId={`hyper-${key}`}
            width={6}
            onChange={(v) => actions.setOptimizerParam.perform({ key, value: v })}
          />
        ))}
        <NumberField label={t('training.batchSize')} value={s.batchSize} disabled={training} testId="batch-size" onChange={(value) => actions.setHyperparameter.perform({ key: 'batchSize', value })} />
        <NumberField label={t('training.epochs')} value={s.epochs} disabled={training} testId="epochs" onChange={(value) => actions.setHyperparameter.perform({ key: 'epochs', value })} />
      </div>
      <div className="row controls">
        <ActionButton action={actions.startTraining} className="primary" />
        <ActionButton action={actions.pauseTraining} />
        <ActionButton action={actions.resumeTraining} className="primary" />
        <ActionButton action={actions.stopTraining} />
        <span className={`status status-${run.status}`} data-testid="run-status">
          {t(`training.status.${run.status}`)}
          {run.backend ? ` · ${t('training.onBackend', { backend: run.backend })}` : ''}
        </span>
      </div>
      {!training && !startable && s.hasDataset ? <p className="muted">{t('training.cannotStart')}</p> : null}
      {run.error ? <p className="error" data-testid="run-error">{run.error}</p> : null}
      {p ? (
        <div className="progress" data-testid="progress">
          <progress value={p.step} max={p.totalSteps} />
          <span>{t('training.progress', { epoch: p.epoch + 1, epochs: p.epochs, batch: p.batch + 1, batches: p.batchesPerEpoch })}</span>
          <span data-testid="images-per-sec">{t('training.speed', { rate: Math.round(p.imagesPerSec) })}</span>
          <span>{t('training.elapsed', { time: formatDuration(p.elapsedMs) })}</span>
          {training ? <span>{t('training.eta', { time: formatDuration(p.etaMs) })}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
