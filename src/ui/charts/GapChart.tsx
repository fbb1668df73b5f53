import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { EpochMetrics } from '../../engine/train/events';
import { gapSeries } from './gapSeries';
import { linearTicks } from './ticks';

interface Props {
  name: string;
  colour: string;
  epochs: readonly EpochMetrics[];
  testId: string;
}

/** One run's training and validation loss per epoch, the gap between them shaded, the best epoch marked. */
export const GapChart = memo(function GapChart({ name, colour, epochs, testId }: Props) {
  const { t } = useTranslation();
  const series = useMemo(() => gapSeries(epochs), [epochs]);
  const { xTicks, yTicks } = useMemo(() => {
    const ys = series.points.flatMap((p) => (p.validation === null ? [p.train] : [p.train, p.validation])).filter(Number.isFinite);
    const last = series.points.at(-1)?.epoch ?? 1;
    return { xTicks: linearTicks(1, Math.max(2, last)), yTicks: ys.length ? linearTicks(0, Math.max(...ys)) : [0, 1] };
  }, [series]);
  return (
    <figure className="gap-chart" data-testid={testId} data-best-epoch={series.bestEpoch ?? ''}>
      <figcaption>
        <span className="swatch run-swatch" style={{ background: colour }} /> {name}
      </figcaption>
      {series.points.length === 0 ? (
        <p className="muted">{t('overfit.waiting')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={150}>
          <ComposedChart data={series.points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="epoch" type="number" domain={[xTicks[0], xTicks[xTicks.length - 1]]} ticks={xTicks} interval={0} tick={{ fontSize: 10 }} />
            <YAxis domain={[yTicks[0], yTicks[yTicks.length - 1]]} ticks={yTicks} interval={0} tick={{ fontSize: 10 }} width={36} tickFormatter={(v: number) => String(Number(v.toFixed(2)))} />
            <Area dataKey="gap" stroke="none" fill={colour} fillOpacity={0.22} isAnimationActive={false} connectNulls />
            <Line dataKey="train" stroke={colour} strokeWidth={1.5} dot={false} isAnimationActive={false} />
            <Line dataKey="validation" stroke={colour} strokeWidth={2} strokeDasharray="5 4" dot={{ r: 2.5, fill: colour }} isAnimationActive={false} connectNulls />
            {series.bestEpoch !== null ? (
              <ReferenceLine x={series.bestEpoch} stroke="#333" strokeDasharray="2 3" label={{ value: t('overfit.bestShort'), position: 'insideTopRight', fontSize: 10 }} />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      )}
      <p className="muted gap-note">
        {series.bestEpoch !== null
          ? t('overfit.best', { epoch: series.bestEpoch, loss: series.bestLoss!.toFixed(3), gap: series.finalGap!.toFixed(3) })
          : series.points.length > 0
            ? t('overfit.noValidation')
            : ''}
      </p>
    </figure>
  );
});
