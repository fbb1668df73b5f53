import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { usePaths } from '../../state/paths';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { settingAccess } from '../../state/experiment';
import { PathLegend } from './PathLegend';
import { PathSettings } from './PathSettings';
import { PathsPlot } from './PathsPlot';
import { Playback } from './Playback';

/** Optimizer paths on 2-D test surfaces, collapsed until opened (only then are paths traced). */
export function PathsPanel() {
  const { t } = useTranslation();
  // In the store: whether it is open is part of the experiment (saved, shared, hidden by a teacher link).
  const open = useApp((s) => s.pathsOpen);
  const hidden = useApp((s) => settingAccess(s, 'pathsOpen') === 'hidden');
  const ready = useApp((s) => !!s.backend);
  const training = useTransitionApp(isTraining);
  const status = usePaths(useShallow((p) => ({ status: p.status, error: p.error, result: p.result })));

  // Trace on first opening, once the engine runs, and after a training run that held the engine.
  const needsTrace = status.status === 'idle' || status.status === 'waitingForTraining';
  useEffect(() => {
    if (open && ready && !training && needsTrace) void actions.tracePaths.perform();
  }, [open, ready, training, needsTrace]);

  const r = status.result;
  if (hidden) return null;
  return (
    <details className="panel paths-panel" data-testid="paths-panel" open={open} onToggle={(e) => actions.setPathsOpen.perform(e.currentTarget.open)}>
      <summary data-testid="paths-open">
        <h2>{t('paths.title')}</h2>
      </summary>
      {open ? (
        <>
          <p className="muted">{t('paths.intro')}</p>
          <div className="paths-layout">
            <PathSettings />
            <div className="paths-view">
              <PathsPlot />
              <Playback />
              <PathLegend />
              <p className="muted" data-testid="paths-status">
                {!ready
                  ? t('paths.waitingForEngine')
                  : status.status === 'computing'
                    ? t('paths.computing')
                    : status.status === 'waitingForTraining'
                      ? t('paths.waitingForTraining')
                      : r && status.status === 'ready'
                        ? t('paths.computed', { count: r.paths.length, steps: r.steps, ms: Math.round(r.ms), backend: r.backend })
                        : null}
              </p>
              {status.status === 'failed' && status.error ? (
                <p className="error" data-testid="paths-error">
                  {t('paths.failed', { message: status.error })}
                </p>
              ) : null}
            </div>
          </div>
        </>
      ) : null}
    </details>
  );
}
