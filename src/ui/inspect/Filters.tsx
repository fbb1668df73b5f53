import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import './inspect.css';
import type { ConvFilters } from '../../engine/inspect/types';
import { DIVERGING_GRADIENT } from './colours';
import { paintKernelChannel, paintKernelRgb } from './filterPaint';
import { formatValue, shapeText } from './format';
import { PixelCanvas } from './PixelCanvas';
import { ScaleLegend } from './ScaleLegend';

interface FiltersProps {
  filters: ConvFilters[];
  selected: number | null;
}

/** Filters (rows) and input channels (columns) drawn per layer; past these the grid stops helping. */
export const MAX_FILTERS = 32;
export const MAX_INPUT_CHANNELS = 16;

/** Every conv layer's kernels as images on one diverging scale, with min, max and mean weight. */
export const Filters = memo(function Filters({ filters, selected }: FiltersProps) {
  const { t } = useTranslation();
  return (
    <section className="inspect-view" data-testid="filters">
      <h3>{t('inspect.filters.title')}</h3>
      <p className="muted">{t('inspect.filters.about')}</p>
      {filters.length === 0 && <p className="muted">{t('inspect.filters.none')}</p>}
      {filters.map((f, i) => (
        <LayerFilters key={f.layer} filters={f} first={i === 0} selected={f.layer === selected} />
      ))}
    </section>
  );
});

function LayerFilters({ filters: f, first, selected }: { filters: ConvFilters; first: boolean; selected: boolean }) {
  const { t } = useTranslation();
  const [kh, kw, cin, count] = f.shape;
  // The first layer sees the image itself: an RGB image's filters read best as colour patches.
  const rgb = first && cin === 3;
  const maxAbs = Math.max(Math.abs(f.min), Math.abs(f.max));
  const rows = Math.min(count, MAX_FILTERS);
  const columns = rgb ? 1 : Math.min(cin, MAX_INPUT_CHANNELS);
  const paints = useMemo(
    () =>
      Array.from({ length: rows }, (_, filter) =>
        rgb ? [paintKernelRgb(f.kernel, f.shape, filter, f.min, f.max)] : Array.from({ length: columns }, (_, c) => paintKernelChannel(f.kernel, f.shape, filter, c, maxAbs)),
      ),
    [f, rgb, rows, columns, maxAbs],
  );
  const scale = Math.max(3, Math.floor(24 / Math.max(kh, kw)));
  return (
    <div className={`filters-layer${selected ? ' selected' : ''}`} data-testid="filters-layer" data-layer={f.layer}>
      <div className="fm-head">
        <strong>{t('inspect.filters.layer', { index: f.layer + 1 })}</strong> <span className="muted">{shapeText(f.shape)}</span>
        <span className="filters-stats" data-testid="filters-stats">
          {t('inspect.filters.stats', { min: formatValue(f.min), max: formatValue(f.max), mean: formatValue(f.mean) })}
        </span>
        {rgb ? <span className="muted">{t('inspect.filters.rgbNote')}</span> : <ScaleLegend gradient={DIVERGING_GRADIENT} min={-maxAbs} max={maxAbs} middle={0} testId="filters-legend" />}
      </div>
      <div className="filters-grid" style={{ gridTemplateColumns: `repeat(${columns}, max-content)` }}>
        {paints.flatMap((row, filter) =>
          row.map((paint, c) => (
            <PixelCanvas
              key={`${filter}-${c}`}
              width={kw}
              height={kh}
              paint={paint}
              scale={scale}
              title={rgb ? t('inspect.filters.filter', { filter: filter + 1 }) : t('inspect.filters.patch', { filter: filter + 1, channel: c + 1 })}
              testId="filter-patch"
            />
          )),
        )}
      </div>
      {(count > rows || (!rgb && cin > columns)) && (
        <p className="muted">{t('inspect.filters.hidden', { filters: rows, totalFilters: count, channels: columns, totalChannels: cin })}</p>
      )}
    </div>
  );
}
