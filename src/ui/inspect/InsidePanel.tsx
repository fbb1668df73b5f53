import { memo, useDeferredValue, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { refreshInside } from '../../actions/inspectActions';
import { useOnScreen } from '../common/useOnScreen';
import { classNamesOf } from '../../state/datasetFacts';
import { useApp } from '../../state/store';
import { ConvExplainer } from './ConvExplainer';
import { FeatureMaps } from './FeatureMaps';
import { Filters } from './Filters';
import { OutputSizeWidget } from './OutputSizeWidget';
import { useClassNames } from '../common/useClassNames';

// While the run trains, the views look again this often (the worker answers between two steps).
const LIVE_MS = 400;

/**
 * While run `runId` trains and the views show it, they refresh from its current weights a few times a
 * second (while on screen: scrolled away, they wait); when it pauses or ends they look once more, so they
 * show the weights it stopped with. Views open on another run move to this one when it starts.
 */
function useLiveViews(runId: string, status: string | undefined, onScreen: boolean): void {
  const live = useApp((a) => a.inside.live);
  const shown = useApp((a) => a.inside.inspection !== null);
  const mine = useApp((a) => a.inside.runId === runId);
  useEffect(() => {
    if (!live || !shown) return;
    if (status === 'running' && !mine) {
      const { imageIndex, usingOwn } = useApp.getState().inside;
      void actions.lookInside.perform({ runId, imageIndex, own: usingOwn });
      return;
    }
    if (!mine) return;
    if (status !== 'running' || !onScreen) {
      if (status === 'paused' || status === 'done' || status === 'stopped' || status === 'diverged') void refreshInside();
      return;
    }
    const timer = setInterval(() => void refreshInside(), LIVE_MS);
    return () => clearInterval(timer);
  }, [live, shown, mine, runId, status, onScreen]);
}

// Stable callbacks, so the memoised views do not re-render when the panel does.
const onSelectLayer = (layer: number) => actions.selectLayer.perform(layer);
const onPickPixel = (layer: number, channel: number, y: number, x: number) => void actions.explainPixel.perform({ layer, channel, y, x });

/** Feature maps, filters and one convolution explained, for one test image, on a kept model or one training now. */
export const InsidePanel = memo(function InsidePanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  // Only what the panel shows of the run: the whole run object changes with every batch of a training run.
  const s = useApp(
    useShallow((a) => {
      const r = a.runs.find((x) => x.id === runId);
      return { inside: a.inside, selected: a.selectedLayer, status: r?.status, datasetId: r?.datasetId };
    }),
  );
  const { inside, selected, status, datasetId } = s;
  const own = useApp((a) => a.own);
  const classNames = useClassNames(datasetId, datasetId && inside.inspection ? classNamesOf({ own }, datasetId, inside.inspection.probabilities.length) : []);
  const [ref, onScreen] = useOnScreen<HTMLDivElement>();
  useLiveViews(runId, status, onScreen);
  // Each refresh re-renders dozens of canvases: in a background render, sliced into short tasks.
  const inspection = useDeferredValue(inside.inspection);
  const filters = useDeferredValue(inside.filters);
  const explanation = useDeferredValue(inside.explanation);
  if (!status || !datasetId) return null;
  const mine = inside.runId === runId;
  const look = (imageIndex: number) => void actions.lookInside.perform({ runId, imageIndex });
  return (
    <div className="inside" data-testid="inside-panel" ref={ref}>
      <h3>{t('inspect.panelTitle')}</h3>
      <div className="row wrap">
        <button type="button" data-testid="look-inside" disabled={inside.busy} onClick={() => look(mine ? inside.imageIndex : 0)}>
          {t('inspect.inspect')}
        </button>
        <button type="button" data-testid="look-inside-next" disabled={inside.busy || !mine} onClick={() => look(inside.imageIndex + 1)}>
          {t('inspect.next')}
        </button>
        <button
          type="button"
          data-testid="look-inside-own"
          disabled={inside.busy || !inside.ownInput}
          title={inside.ownInput ? undefined : t('inspect.ownHint')}
          onClick={() => void actions.lookInside.perform({ runId, imageIndex: inside.imageIndex, own: true })}
        >
          {t('inspect.own')}
        </button>
        {mine && inside.inspection ? (
          <span className="muted">{inside.usingOwn ? t('inspect.ownLabel') : `${t('inspect.imageLabel')} #${inside.imageIndex + 1}`}</span>
        ) : null}
        <label className="inline">
          <input type="checkbox" data-testid="inside-live" checked={inside.live} onChange={(e) => actions.setInsideLive.perform(e.target.checked)} />
          {t('inspect.live')}
        </label>
      </div>
      {status === 'running' || status === 'paused' ? <p className="muted" data-testid="inside-live-note">{t(inside.live ? 'inspect.liveOn' : 'inspect.liveOff')}</p> : null}
      {mine && inside.error ? <p className="error">{t('inspect.failed', { message: inside.error })}</p> : null}
      {mine && inspection ? (
        <FeatureMaps inspection={inspection} classNames={classNames} selected={selected} onSelect={onSelectLayer} onPick={onPickPixel} />
      ) : null}
      {mine && filters ? <Filters filters={filters} selected={selected} /> : null}
      {mine && inspection ? <ConvExplainer explanation={explanation} /> : null}
      <OutputSizeWidget />
    </div>
  );
});
