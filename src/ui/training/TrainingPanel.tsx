import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { canStart } from '../../actions/trainingActions';
import { OPTIMIZER_TYPES, suggestedBatchSize, type OptimizerType } from '../../engine/train/optimizerSpec';
import { fieldError, sayFieldProblem } from '../../i18n/fieldProblemText';
import { settingsProblems } from '../../state/settingsProblems';
import { SCHEDULE_TYPES, type ScheduleType } from '../../engine/train/schedule';
import { ScheduleCurve } from './ScheduleCurve';
import { useShallow } from 'zustand/react/shallow';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { ActionButton } from '../common/ActionButton';
import { NumberField } from '../common/NumberField';
import { formatDuration } from '../model/format';
import { statusText } from '../runs/statusText';
import { MemoryNote } from './MemoryNote';
import { useAccess } from '../common/useAccess';
import { LOSS_TYPES, squashingOutput, type LossType } from '../../engine/train/lossSpec';
import { INIT_TYPES, type InitType } from '../../engine/model/initSpec';

/** Optimizers with a note in optimizerHelp.* (why they want large batches or small rates). */
const HELP: readonly OptimizerType[] = ['rprop', 'manhattan', 'scg'];
/** Config fields the dataset panel shows (and says the problems of). */
const DATASET_FIELDS = new Set(['subsets.train', 'subsets.validation', 'subsets.test', 'seed']);

/** A step longer than this delays Pause noticeably: say so (Stop does not wait: the worker is replaced after 2 s). */
const LONG_STEP_MS = 1000;

export function TrainingPanel() {
  const { t, i18n } = useTranslation();
  const s = useApp(
    useShallow((a) => ({ optimizer: a.optimizer, schedule: a.schedule, trainCount: a.subsets.train, batchSize: a.batchSize, epochs: a.epochs, hasDataset: !!a.dataset, run: a.run, l1: a.l1, l2: a.l2, patience: a.earlyStoppingPatience })),
  );
  // The same problems that decide whether Train is enabled (settingsReady), so the two never disagree.
  const problems = useApp(settingsProblems);
  const error = (path: string) => fieldError(t, problems, path);
  const largeBatch = suggestedBatchSize(s.optimizer.type, s.trainCount);
  const penalty = s.run.batches.at(-1)?.penalty ?? 0;
  const early = s.run.earlyStop;
  const training = useTransitionApp(isTraining);
  const restoreBest = useApp((a) => a.restoreBestWeights);
  const loss = useApp((a) => a.loss);
  const init = useApp((a) => a.init);
  const squashing = useApp((a) => (a.loss === 'hinge' ? squashingOutput(a.layers.map((l) => l.spec)) : null));
  const startFrom = useApp((a) => (a.startFrom ? (a.runs.find((r) => r.id === a.startFrom)?.name ?? a.startFrom) : null));
  const startable = useApp(canStart);
  const { run } = s;
  // What a classroom link hid or locked (src/experiment/settings.ts); a locked control shows disabled.
  const optimizerAccess = useAccess('optimizer');
  const scheduleAccess = useAccess('schedule');
  const lossAccess = useAccess('loss');
  const initAccess = useAccess('init');
  const batchAccess = useAccess('batchSize');
  const epochsAccess = useAccess('epochs');
  const l1Access = useAccess('l1');
  const l2Access = useAccess('l2');
  const patienceAccess = useAccess('earlyStoppingPatience');
  const restoreAccess = useAccess('restoreBestWeights');
  // A hidden field's problem is said in the list below, or Train would be off with nothing saying why.
  const hiddenSettings = useApp((a) => a.classroom.hidden);
  const p = run.progress;
  const hyper = Object.entries(s.optimizer).filter(([k]) => k !== 'type') as [string, number][];
  const scheduleFields = Object.entries(s.schedule).filter(([k]) => k !== 'type') as [string, number][];
  const scheduled = 'learningRate' in s.optimizer;
  const shown = new Set([
    ...hyper.map(([key]) => `optimizer.${key}`),
    ...(scheduled ? scheduleFields.map(([key]) => `schedule.${key}`) : []),
    'batchSize',
    'epochs',
    'l1',
    'l2',
    'earlyStoppingPatience',
  ]);
  return (
    <section className="panel" data-testid="training-panel">
      <h2>{t('training.title')}</h2>
      <div className="row wrap">
        {optimizerAccess.hidden ? null : <>
        <label className="field">
          <span>{t('training.optimizer')}</span>
          <select
            data-testid="optimizer-select"
            value={s.optimizer.type}
            disabled={training || optimizerAccess.locked}
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
            disabled={training || optimizerAccess.locked}
            testId={`hyper-${key}`}
            width={6}
            error={error(`optimizer.${key}`)}
            onChange={(v) => actions.setOptimizerParam.perform({ key, value: v })}
          />
        ))}
        </>}
        {batchAccess.hidden ? null : <NumberField label={t('training.batchSize')} value={s.batchSize} disabled={training || batchAccess.locked} testId="batch-size" error={error('batchSize')} onChange={(value) => actions.setHyperparameter.perform({ key: 'batchSize', value })} />}
        {epochsAccess.hidden ? null : <NumberField label={t('training.epochs')} value={s.epochs} disabled={training || epochsAccess.locked} testId="epochs" error={error('epochs')} onChange={(value) => actions.setHyperparameter.perform({ key: 'epochs', value })} />}
      </div>
      {HELP.includes(s.optimizer.type) ? (
        <div className="row optimizer-help">
          <p className="muted" data-testid="optimizer-help">{t(`optimizerHelp.${s.optimizer.type}`)}</p>
          {largeBatch !== null ? <ActionButton action={actions.useLargeBatch} label={t('training.useLargeBatch', { size: largeBatch })} /> : null}
        </div>
      ) : null}
      {scheduleAccess.hidden ? null : <div className="row wrap">
        <label className="field">
          <span>{t('training.schedule')}</span>
          <select
            data-testid="schedule-select"
            value={s.schedule.type}
            disabled={training || !scheduled || scheduleAccess.locked}
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
                disabled={training || scheduleAccess.locked}
                testId={`schedule-${key}`}
                width={5}
                error={error(`schedule.${key}`)}
                onChange={(v) => actions.setScheduleParam.perform({ key, value: v })}
              />
            ))}
            <ScheduleCurve schedule={s.schedule} epochs={s.epochs} stepsPerEpoch={Math.ceil(s.trainCount / Math.max(1, s.batchSize))} />
          </>
        ) : (
          <span className="muted">{t('training.noSchedule')}</span>
        )}
      </div>}
      {/* How the run starts and what it minimises: each with a line saying why one would pick it. */}
      <div className="row wrap loss-init">
        {lossAccess.hidden ? null : <div className="choice-with-help">
          <label className="field">
            <span>{t('training.loss')}</span>
            <select data-testid="loss-select" value={loss} disabled={training || lossAccess.locked} onChange={(e) => actions.chooseLoss.perform(e.target.value as LossType)}>
              {LOSS_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`lossFunction.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted" data-testid="loss-help">{t(`lossFunction.help.${loss}`)}</p>
          {squashing ? <p className="notice" data-testid="loss-output-note">{t('lossFunction.squashedScores', { activation: squashing })}</p> : null}
        </div>}
        {initAccess.hidden ? null : <div className="choice-with-help">
          <label className="field">
            <span>{t('training.init')}</span>
            <select data-testid="init-select" value={init} disabled={training || initAccess.locked} onChange={(e) => actions.chooseInit.perform(e.target.value as InitType)}>
              {INIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`weightInit.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted" data-testid="init-help">{t(`weightInit.help.${init}`)}</p>
        </div>}
      </div>
      <div className="row wrap" data-testid="regularization">
        {l1Access.hidden ? null : <NumberField
          label={t('training.l1')}
          value={s.l1}
          step={0.0001}
          min={0}
          disabled={training || l1Access.locked}
          testId="reg-l1"
          width={6}
          error={error('l1')}
          errorTestId="regularization-error"
          onChange={(value) => actions.setRegularization.perform({ key: 'l1', value })}
        />}
        {l2Access.hidden ? null : <NumberField
          label={t('training.l2')}
          value={s.l2}
          step={0.0001}
          min={0}
          disabled={training || l2Access.locked}
          testId="reg-l2"
          width={6}
          error={error('l2')}
          errorTestId="regularization-error"
          onChange={(value) => actions.setRegularization.perform({ key: 'l2', value })}
        />}
        {patienceAccess.hidden ? null : <NumberField
          label={t('training.patience')}
          value={s.patience}
          step={1}
          min={0}
          disabled={training || patienceAccess.locked}
          testId="reg-patience"
          width={4}
          error={error('earlyStoppingPatience')}
          errorTestId="regularization-error"
          onChange={(value) => actions.setRegularization.perform({ key: 'earlyStoppingPatience', value })}
        />}
        {restoreAccess.hidden ? null : <label className="field checkbox" title={restoreAccess.locked ? t('experiment.lockedByTeacher') : t('training.restoreBestHelp')}>
          <input
            type="checkbox"
            data-testid="restore-best"
            checked={restoreBest}
            disabled={training || restoreAccess.locked}
            onChange={(e) => actions.setRestoreBestWeights.perform(e.target.checked)}
          />
          <span>{t('training.restoreBest')}</span>
        </label>}
        <p className="muted regularization-help">{t('training.regularizationHelp')}</p>
      </div>
      {/* Problems of fields not on screen (schedule fields hidden for an optimizer that sets its own steps, or by a classroom link). */}
      {Object.entries(problems)
        .filter(([path]) => !(shown.has(path) && !hiddenSettings.includes(path.split('.')[0])) && !DATASET_FIELDS.has(path))
        .map(([path, problem]) => (
          <p key={path} className="error" data-testid="settings-problem">
            {sayFieldProblem(t, path, problem)}
          </p>
        ))}
      <div className="row controls">
        <ActionButton action={actions.startTraining} className="primary" />
        <ActionButton action={actions.queueRun} />
        <ActionButton action={actions.pauseTraining} />
        <ActionButton action={actions.resumeTraining} className="primary" />
        <ActionButton action={actions.stepBatch} testId="step-batch" />
        <ActionButton action={actions.stopTraining} />
        <ActionButton action={actions.resetRun} testId="reset-run" />
        <span className={`status status-${run.status}`} data-testid="run-status">
          {statusText(t, run)}
          {run.backend ? ` · ${t('training.onBackend', { backend: run.backend })}` : ''}
        </span>
      </div>
      {!training && !startable && s.hasDataset ? <p className="muted">{t('training.cannotStart')}</p> : null}
      {!training ? <MemoryNote /> : null}
      {startFrom && !training ? (
        <p className="notice row" data-testid="start-from">
          <span>{t('keptModels.startsFrom', { name: startFrom })}</span>
          <ActionButton action={actions.trainFromScratch} />
        </p>
      ) : null}
      {run.status === 'pausing' && p && p.step > 0 && p.elapsedMs / p.step > LONG_STEP_MS ? (
        <p className="notice" data-testid="pausing-long-step">
          {t('training.pausingLongStep', { seconds: (p.elapsedMs / p.step / 1000).toFixed(1) })}
        </p>
      ) : null}
      {run.error ? <p className="error" data-testid="run-error">{run.error}</p> : null}
      {run.divergence ? (
        <p className="notice" data-testid="diverged-model">
          {t('engine.divergedModel', { step: run.divergence.step + 1 })}
        </p>
      ) : null}
      {early ? (
        <p className="notice" data-testid="stopped-early">
          {t('training.stoppedEarly', {
            epoch: early.epoch + 1,
            patience: early.patience,
            best: early.bestEpoch + 1,
            weights:
              run.weightsFrom?.source === 'best'
                ? t('training.weightsOfBest', { epoch: (run.weightsFrom.epoch ?? 0) + 1 })
                : t('training.weightsOfLast', { epoch: early.epoch + 1 }),
          })}
        </p>
      ) : null}
      {p ? (
        <div className="progress" data-testid="progress">
          <progress value={p.step} max={p.totalSteps} />
          <span>{t('training.progress', { epoch: p.epoch + 1, epochs: p.epochs, batch: p.batch + 1, batches: p.batchesPerEpoch })}</span>
          {penalty > 0 ? <span data-testid="weight-penalty">{t('training.penalty', { value: penalty.toPrecision(3) })}</span> : null}
          <span data-testid="images-per-sec">{t('training.speed', { rate: Math.round(p.imagesPerSec) })}</span>
          <span>{t('training.elapsed', { time: formatDuration(p.elapsedMs, i18n.language) })}</span>
          {training ? <span>{t('training.eta', { time: formatDuration(p.etaMs, i18n.language) })}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
