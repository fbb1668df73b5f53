import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { BatchMetrics, DynamicsLayout } from '../../engine/train/events';
import { linearTicks, logTicks } from '../charts/ticks';
import { gradientNormRows, layerColour, layerKey } from './dynamicsSeries';

export interface GradientNormsProps {
  batches: readonly BatchMetrics[];
  layout: DynamicsLayout;
  /** The x-axis end (the run's planned steps), so the axis does not move while it trains. */
  totalSteps: number;
}

const formatTick = (v: number) => (v >= 1e3 || v < 1e-2 ? v.toExponential(0) : String(v));
const formatNorm = (v: number) => (v >= 1e3 || v < 1e-2 ? v.toExponential(1) : v.toPrecision(2));

/** Each weighted layer's gradient L2 norm per step, one line per layer, on a log axis. */
export const GradientNorms = memo(function GradientNorms({ batches, layout, totalSteps }: GradientNormsProps) {
  const { t } = useTranslation();
  // 120 points a line: as many as the loss chart draws, enough for a line a few hundred pixels wide.
  const rows = useMemo(() => gradientNormRows(batches, layout, 120), [batches, layout]);
  const yTicks = useMemo(() => logTicks(rows.flatMap((r) => layout.layers.map((l) => r[layerKey(l.layer)] ?? NaN))), [rows, layout]);
  const xTicks = useMemo(() => linearTicks(0, Math.max(1, totalSteps)), [totalSteps]);
  const count = layout.layers.length;
  const latest = rows[rows.length - 1];
  return (
    <div className="dynamics-view" data-testid="gradient-norms" data-lines={count}>
      <h4>{t('dynamics.norms.title')}</h4>
      <p className="muted about">{t('dynamics.norms.about')}</p>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={rows} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="step" type="number" domain={[xTicks[0], xTicks[xTicks.length - 1]]} ticks={xTicks} interval={0} tick={{ fontSize: 11 }} />
          <YAxis
            scale={yTicks ? 'log' : 'linear'}
            domain={yTicks ? [yTicks[0], yTicks[yTicks.length - 1]] : [0, 1]}
            ticks={yTicks ?? undefined}
            interval={0}
            allowDataOverflow
            tick={{ fontSize: 11 }}
            tickFormatter={formatTick}
            width={48}
          />
          {layout.layers.map((l, i) => (
            <Line key={l.layer} dataKey={layerKey(l.layer)} stroke={layerColour(i, count)} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <ul className="legend" aria-label={t('dynamics.norms.legend')}>
        {layout.layers.map((l, i) => (
          <li key={l.layer} data-testid="gradient-norm-line" data-layer={l.layer} data-value={latest?.[layerKey(l.layer)] ?? ''}>
            <span className="swatch" style={{ background: layerColour(i, count) }} />
            {t('inspect.featureMaps.layer', { index: l.layer + 1, type: t(`layer.${l.type}`, { defaultValue: l.type }) })}
            {latest?.[layerKey(l.layer)] != null ? <span className="muted"> · {formatNorm(latest[layerKey(l.layer)]!)}</span> : null}
          </li>
        ))}
      </ul>
      <p className="muted">{t('dynamics.norms.xAxis')}</p>
    </div>
  );
});
