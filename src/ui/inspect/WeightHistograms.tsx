import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DynamicsLayout } from '../../engine/train/events';
import type { TrainingSnapshot } from '../../engine/inspect/trainingStats';
import { paintRidges } from './histogramPaint';
import { sharedRange } from './dynamicsSeries';
import { formatValue } from './format';

export interface WeightHistogramsProps {
  snapshots: readonly TrainingSnapshot[];
  layout: DynamicsLayout;
}

type Kind = 'weights' | 'gradients';

const WIDTH = 220;
const HEIGHT = 120;

function Ridges({ snapshots, index, kind }: { snapshots: readonly TrainingSnapshot[]; index: number; kind: Kind }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const histograms = useMemo(() => snapshots.map((s) => s.layers[index]?.[kind]).filter((h) => h !== undefined), [snapshots, index, kind]);
  const range = useMemo(() => sharedRange(histograms), [histograms]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) paintRidges(ctx, histograms, { width: WIDTH, height: HEIGHT, range });
  }, [histograms, range]);
  return (
    <figure className="ridges">
      <canvas ref={canvas} width={WIDTH} height={HEIGHT} data-testid="histogram-canvas" data-snapshots={histograms.length} />
      <figcaption className="ridge-axis">
        <span>{formatValue(range.min)}</span>
        <span>{formatValue(range.max)}</span>
      </figcaption>
    </figure>
  );
}

/** Per weighted layer, TensorBoard-style stacked histograms of its weights or gradients over training. */
export const WeightHistograms = memo(function WeightHistograms({ snapshots, layout }: WeightHistogramsProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('weights');
  // Two runs side by side each have their own choice.
  const group = useId();
  const last = snapshots[snapshots.length - 1];
  return (
    <div className="dynamics-view" data-testid="weight-histograms">
      <h4>{t('dynamics.histograms.title')}</h4>
      <p className="muted about">{t('dynamics.histograms.about')}</p>
      <div className="row" role="radiogroup" aria-label={t('dynamics.histograms.kind')}>
        {(['weights', 'gradients'] as const).map((k) => (
          <label key={k} className="inline">
            <input type="radio" name={group} data-testid={`histograms-${k}`} checked={kind === k} onChange={() => setKind(k)} />
            {t(`dynamics.histograms.${k}`)}
          </label>
        ))}
      </div>
      {layout.layers.length === 0 ? <p className="muted">{t('dynamics.noLayers')}</p> : null}
      {snapshots.length === 0 && layout.snapshotEvery !== null ? <p className="muted">{t('dynamics.histograms.waiting')}</p> : null}
      {layout.snapshotEvery === null ? <p className="muted">{t('dynamics.histograms.tooBig')}</p> : null}
      <div className="ridge-grid">
        {snapshots.length > 0
          ? layout.layers.map((l, i) => (
              <div key={l.layer} className="ridge-layer" data-testid="histogram-layer" data-layer={l.layer} data-count={last?.layers[i]?.[kind].counts.reduce((a, b) => a + b, 0) ?? 0}>
                <div className="ridge-title">
                  {t('inspect.featureMaps.layer', { index: l.layer + 1, type: t(`layer.${l.type}`, { defaultValue: l.type }) })}
                  <span className="muted"> · {t('dynamics.histograms.values', { count: l.size })}</span>
                </div>
                <Ridges snapshots={snapshots} index={i} kind={kind} />
              </div>
            ))
          : null}
      </div>
      {snapshots.length > 0 ? <p className="muted">{t('dynamics.histograms.steps', { first: snapshots[0].step + 1, last: last.step + 1, count: snapshots.length })}</p> : null}
    </div>
  );
});
