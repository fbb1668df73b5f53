import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { autoCalibrate, backendFromUrl } from '../../actions/backendActions';
import { DEFAULT_CALIBRATION, type BackendTiming } from '../../engine/calibrationRecord';
import { isTraining, useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { listText } from '../common/listText';

const rateOf = (timings: BackendTiming[], name: string | null) => timings.find((t) => t.backend === name)?.imagesPerSec ?? null;

/** Which backend trains, why, and the timings behind the choice; runs calibration once at start. */
export function BackendPanel() {
  const { t, i18n } = useTranslation();
  const { calibration: c, backend, training, ready } = useApp(
    useShallow((s) => ({ calibration: s.calibration, backend: s.backend, training: isTraining(s), ready: autoCalibrate.enabled!(s) })),
  );
  // Once the dataset and model are ready (and again if the first try found them not ready).
  useEffect(() => {
    if (ready) void autoCalibrate.perform();
  }, [ready]);

  const numbers = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const current = backend?.name ?? null;
  const result = c.result;
  const timings = result?.timings ?? [];
  const best = result?.best ?? null;
  const others = timings
    .filter((x) => x.backend !== best)
    .map((x) => `${x.backend} ${x.imagesPerSec === null ? '×' : numbers.format(x.imagesPerSec)}`);

  let summary: string | null = null;
  if (c.status === 'running' && c.progress) {
    summary = t('backend.timing', { backend: c.progress.backend, index: c.progress.index + 1, count: c.progress.count });
  } else if (c.status === 'running') {
    summary = t('backend.starting');
  } else if (result && !best) {
    summary = t('backend.noneTrained');
  } else if (result && best && current === best) {
    summary = t('backend.fastest', { name: best, rate: numbers.format(rateOf(timings, best) ?? 0) }) + (others.length ? ` ${t('backend.versus', { list: listText(others, i18n.language) })}` : '');
  } else if (result && best && current) {
    summary = t('backend.chosen', { name: current, best, rate: numbers.format(rateOf(timings, best) ?? 0) });
  } else if (!result && current && backendFromUrl()) {
    summary = t('backend.pinned', { name: current });
  } else if (c.status === 'idle') {
    summary = t('backend.waiting');
  }
  const choices = c.available.length ? c.available : timings.map((x) => x.backend);

  return (
    <section className="panel" data-testid="backend-panel">
      <h2>{t('backend.title')}</h2>
      {summary ? (
        <p className={c.status === 'running' ? 'muted' : undefined} data-testid="backend-choice" aria-live="polite">
          {summary}
        </p>
      ) : null}
      {c.status === 'running' && c.progress ? <progress max={c.progress.count} value={c.progress.index} data-testid="calibration-progress" /> : null}
      {c.error ? <p className="error">{t('backend.failed', { message: c.error })}</p> : null}
      {timings.length ? (
        <table className="layers" data-testid="backend-timings">
          <thead>
            <tr>
              <th>{t('backend.colBackend')}</th>
              <th className="num">{t('backend.colRate')}</th>
              <th>{t('backend.colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {timings.map((x) => (
              <tr key={x.backend} data-testid={`timing-${x.backend}`}>
                <td>{x.backend}</td>
                <td className="num">{x.imagesPerSec === null ? '—' : numbers.format(x.imagesPerSec)}</td>
                <td className="muted">
                  {[
                    x.backend === best ? t('backend.best') : null,
                    x.backend === current ? t('backend.inUse') : null,
                    x.error ? t('backend.couldNotTrain', { message: x.error }) : null,
                    x.error === null && result && x.steps < DEFAULT_CALIBRATION.timedSteps ? t('backend.partial', { steps: x.steps }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result?.skipped?.length ? (
        <p className="notice" data-testid="calibration-skipped">
          {t('backend.skipped', { list: listText(result.skipped, i18n.language) })}
        </p>
      ) : null}
      {result ? (
        <p className="muted">
          {c.remembered
            ? t('backend.remembered', { date: new Date(result.measuredAt).toLocaleString(i18n.language) })
            : t('backend.measured', { batch: result.batchSize })}
        </p>
      ) : null}
      <div className="row wrap">
        <label className="field">
          <span>{t('backend.choose')}</span>
          <select
            data-testid="backend-select"
            value={c.override ?? (result ? '' : (current ?? ''))}
            disabled={training || c.status === 'running' || choices.length === 0}
            onChange={(e) => void actions.chooseBackend.perform(e.target.value || null)}
          >
            <option value="" disabled={!best}>
              {t('backend.automatic')}
            </option>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <ActionButton action={actions.calibrateBackends} />
      </div>
    </section>
  );
}
