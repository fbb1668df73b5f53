import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { CATALOG } from '../../engine/data/catalog';
import { useApp } from '../../state/store';
import { ConvExplainer } from './ConvExplainer';
import { FeatureMaps } from './FeatureMaps';
import { Filters } from './Filters';
import { OutputSizeWidget } from './OutputSizeWidget';

/** A kept model's feature maps, filters and one convolution explained, for one test image of its run. */
export function InsidePanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const s = useApp(useShallow((a) => ({ inside: a.inside, selected: a.selectedLayer, run: a.runs.find((r) => r.id === runId) ?? null })));
  const { inside, selected, run } = s;
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
      </div>
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
