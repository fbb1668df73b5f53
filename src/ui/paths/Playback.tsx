import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { usePaths } from '../../state/paths';

/** Reset, step back, play/pause, step forward, and a slider over the steps. */
export function Playback() {
  const { t } = useTranslation();
  const s = usePaths(useShallow((p) => ({ frame: p.frame, playing: p.playing, total: p.result?.steps ?? 0, ready: !!p.result })));
  const last = s.frame >= s.total;
  return (
    <div className="row wrap paths-playback">
      <button type="button" data-testid="paths-reset" disabled={!s.ready || s.frame === 0} onClick={() => actions.resetPaths.perform()} title={t('paths.reset')} aria-label={t('paths.reset')}>
        ❘◀◀
      </button>
      <button type="button" data-testid="paths-step-back" disabled={!s.ready || s.frame === 0} onClick={() => actions.stepPaths.perform(-1)} title={t('paths.stepBack')} aria-label={t('paths.stepBack')}>
        ◀
      </button>
      {s.playing ? (
        <button type="button" className="primary" data-testid="paths-pause" onClick={() => actions.pausePaths.perform()}>
          ❚❚ {t('paths.pause')}
        </button>
      ) : (
        <button type="button" className="primary" data-testid="paths-play" disabled={!s.ready} onClick={() => actions.playPaths.perform()}>
          ▶ {t('paths.play')}
        </button>
      )}
      <button type="button" data-testid="paths-step" disabled={!s.ready || last} onClick={() => actions.stepPaths.perform(1)} title={t('paths.stepForward')} aria-label={t('paths.stepForward')}>
        ▶❘
      </button>
      <input
        type="range"
        className="paths-slider"
        min={0}
        max={s.total}
        value={s.frame}
        disabled={!s.ready}
        aria-label={t('paths.slider')}
        data-testid="paths-slider"
        onChange={(e) => actions.seekPaths.perform(Number(e.target.value))}
      />
      <span className="paths-counter" data-testid="paths-step-counter">
        {t('paths.stepOf', { step: s.frame, steps: s.total })}
      </span>
    </div>
  );
}
