import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { canStart } from '../../actions/trainingActions';
import { OPTIMIZER_TYPES, type OptimizerType } from '../../engine/train/optimizerSpec';
import { SCHEDULE_TYPES, type ScheduleType } from '../../engine/train/schedule';
import { ScheduleCurve } from './ScheduleCurve';
import { useShallow } from 'zustand/react/shallow';
import { isTraining, useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { NumberField } from '../common/NumberField';
import { formatDuration } from '../model/format';

export function TrainingPanel() {
  const { t } = useTranslation();
  const s = useApp(
    useShallow((a) => ({ optimizer: a.optimizer, schedule: a.schedule, trainCount: a.subsets.train, batchSize: a.batchSize, epochs: a.epochs, hasDataset: !!a.dataset, run: a.run })),
  );
  const training = useApp(isTraining);
  const startable = useApp(canStart);
  const { run } = s;
  const p = run.progress;
  const hyper = Object.entries(s.optimizer).filter(([k]) => k !== 'type') as [string, number][];
  const scheduleFields = Object.entries(s.schedule).filter(([k]) => k !== 'type') as [string, number][];
  const scheduled = 'learningRate' in s.optimizer;
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
      <div className="row wrap">
        <label className="field">
          <span>{t('training.schedule')}</span>
          <select
            data-testid="schedule-select"
            value={s.schedule.type}
            disabled={training || !scheduled}
            onChange={(e) => actions.chooseSchedule.perform(e.target.value as ScheduleType)}
          >
            {SCHEDULE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`schedule.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {scheduled ? (
          <>
            {scheduleFields.map(([key, value]) => (
              <NumberField
                key={`${s.schedule.type}-${key}`}
                label={t(`schedule.${key}`)}
                value={value}
                step={0.1}
                disabled={training}
                testId={`schedule-${key}`}
                width={5}
                onChange={(v) => actions.setScheduleParam.perform({ key, value: v })}
              />
            ))}
            <ScheduleCurve schedule={s.schedule} epochs={s.epochs} stepsPerEpoch={Math.ceil(s.trainCount / Math.max(1, s.batchSize))} />
          </>
        ) : (
          <span className="muted">{t('training.noSchedule')}</span>
        )}
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
