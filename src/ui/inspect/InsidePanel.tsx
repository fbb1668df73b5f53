import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { refreshInside } from '../../actions/inspectActions';
import { CATALOG } from '../../engine/data/catalog';
import { useApp } from '../../state/store';
import { ConvExplainer } from './ConvExplainer';
import { FeatureMaps } from './FeatureMaps';
import { Filters } from './Filters';
import { OutputSizeWidget } from './OutputSizeWidget';

// While the run trains, the views look again this often (the worker answers between two steps).
const LIVE_MS = 400;

/**
 * While run `runId` trains and the views show it, they refresh from its current weights a few times a
 * second; when it pauses or ends they look once more, so they show the weights it stopped with. Views open
 * on another run move to this one when it starts.
 */
function useLiveViews(runId: string, status: string | undefined): void {
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
    if (status !== 'running') {
      if (status === 'paused' || status === 'done' || status === 'stopped' || status === 'diverged') void refreshInside();
      return;
    }
    const timer = setInterval(() => void refreshInside(), LIVE_MS);
    return () => clearInterval(timer);
  }, [live, shown, mine, runId, status]);
}

/** Feature maps, filters and one convolution explained, for one test image, on a kept model or one training now. */
export function InsidePanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const s = useApp(useShallow((a) => ({ inside: a.inside, selected: a.selectedLayer, run: a.runs.find((r) => r.id === runId) ?? null })));
  const { inside, selected, run } = s;
  useLiveViews(runId, run?.status);
  if (!run) return null;
  const mine = inside.runId === runId;
  const look = (imageIndex: number) => void actions.lookInside.perform({ runId, imageIndex });
  return (
    <div className="inside" data-testid="inside-panel">
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
      {run.status === 'running' || run.status === 'paused' ? <p className="muted" data-testid="inside-live-note">{t(inside.live ? 'inspect.liveOn' : 'inspect.liveOff')}</p> : null}
      {mine && inside.error ? <p className="error">{t('inspect.failed', { message: inside.error })}</p> : null}
      {mine && inside.inspection ? (
        <FeatureMaps
          inspection={inside.inspection}
          classNames={CATALOG[run.datasetId].classNames}
          selected={selected}
          onSelect={(layer) => actions.selectLayer.perform(layer)}
          onPick={(layer, channel, y, x) => void actions.explainPixel.perform({ layer, channel, y, x })}
        />
      ) : null}
      {mine && inside.filters ? <Filters filters={inside.filters} selected={selected} /> : null}
      {mine && inside.inspection ? <ConvExplainer explanation={inside.explanation} /> : null}
      <OutputSizeWidget />
    </div>
  );
}
