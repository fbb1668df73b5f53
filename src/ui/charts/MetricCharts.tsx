import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { BatchMetrics, EpochMetrics } from '../../engine/train/events';
import { useApp } from '../../state/store';
import { downsample, smooth } from './series';
import { useThrottled } from './useThrottled';

const MAX_POINTS = 200;
const SMOOTHING = 0.9;
const REDRAW_MS = 500;
const TRAIN_COLOR = '#4e79a7';
const VALIDATION_COLOR = '#e15759';

interface Series {
  train: { x: number; y: number }[];
  validation: { x: number; y: number }[];
}

function build(batches: BatchMetrics[], epochs: EpochMetrics[], batchesPerEpoch: number, key: 'loss' | 'accuracy'): Series {
  const smoothed = smooth(batches.map((b) => b[key]), SMOOTHING);
  const train = downsample(batches.map((b, i) => ({ x: b.step + 1, y: smoothed[i] })), MAX_POINTS);
  const validation = epochs
    .filter((e) => e.valLoss !== null)
    .map((e) => ({ x: (e.epoch + 1) * batchesPerEpoch, y: (key === 'loss' ? e.valLoss : e.valAccuracy) as number }));
  return { train, validation };
}

const Chart = memo(function Chart({ title, series, percent, testId }: { title: string; series: Series; percent: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="chart" data-testid={testId}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} tick={{ fontSize: 11 }} label={{ value: t('charts.step'), position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} domain={percent ? [0, 1] : ['auto', 'auto']} tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => v.toFixed(2)} width={44} />
          <Line data={series.train} dataKey="y" name={t('charts.trainBatch')} stroke={TRAIN_COLOR} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line data={series.validation} dataKey="y" name={t('charts.validation')} stroke={VALIDATION_COLOR} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});

export function MetricCharts() {
  const { t } = useTranslation();
  // Deferred: the charts re-render in an interruptible background render, so a burst of
  // training events never blocks the main thread for long.
  const batches = useDeferredValue(useThrottled(useApp((s) => s.run.batches), REDRAW_MS));
  const epochs = useDeferredValue(useThrottled(useApp((s) => s.run.epochs), REDRAW_MS));
  const perEpoch = useApp((s) => s.run.progress?.batchesPerEpoch ?? 1);
  const loss = useMemo(() => build(batches, epochs, perEpoch, 'loss'), [batches, epochs, perEpoch]);
  const accuracy = useMemo(() => build(batches, epochs, perEpoch, 'accuracy'), [batches, epochs, perEpoch]);
  // Mounted even before training (empty), so the first batches only update the charts.
  return (
    <div className="charts" data-empty={batches.length === 0}>
      {/* An HTML legend: recharts' own Legend and Tooltip cost tens of ms per live update. */}
      <div className="legend">
        <span className="swatch" style={{ background: TRAIN_COLOR }} /> {t('charts.trainBatch')}
        <span className="swatch" style={{ background: VALIDATION_COLOR }} /> {t('charts.validation')}
      </div>
      <Chart title={t('charts.loss')} series={loss} percent={false} testId="loss-chart" />
      <Chart title={t('charts.accuracy')} series={accuracy} percent testId="accuracy-chart" />
      {batches.length === 0 ? <p className="muted charts-empty">{t('charts.empty')}</p> : null}
    </div>
  );
}
