import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { useApp, type AppState } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { chartLines, X_AXIS_MODES, type RunLines, type XAxisMode } from './runSeries';
import { logTicks } from './ticks';
import { useLiveValue } from '../common/useLiveValue';

// Per run and metric; with ten runs still a few thousand points, cheap for SVG.
const MAX_POINTS = 200;
const SMOOTHING = 0.9;
const REDRAW_MS = 500;
const LOG_FLOOR = 1e-4;

function formatX(mode: XAxisMode): (v: number) => string {
  switch (mode) {
    case 'epochs':
      return (v) => String(Math.round(v * 100) / 100);
    case 'images':
      return (v) => (v >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v)));
    case 'time':
      return (v) => `${Math.round(v * 10) / 10}s`;
  }
}

interface ChartProps {
  title: string;
  lines: RunLines[];
  percent: boolean;
  log: boolean;
  mode: XAxisMode;
  testId: string;
}

const Chart = memo(function Chart({ title, lines, percent, log, mode, testId }: ChartProps) {
  const { t } = useTranslation();
  const ticks = useMemo(() => (log ? logTicks(lines.flatMap((l) => [...l.train, ...l.validation]).map((p) => p.y)) : null), [lines, log]);
  return (
    <div className="chart" data-testid={testId}>
      <h3>{title}</h3>
      {/* interval={0} on the axes: all (few) nice ticks are drawn, so recharts does not measure every tick
          label in the DOM to thin them out, a forced layout on each live update. */}
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, 'auto']}
            allowDuplicatedCategory={false}
            interval={0}
            tick={{ fontSize: 11 }}
            tickFormatter={formatX(mode)}
            label={{ value: t(`charts.x.${mode}`), position: 'insideBottomRight', offset: -2, fontSize: 11 }}
          />
          {ticks ? (
            <YAxis scale="log" domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} interval={0} allowDataOverflow tick={{ fontSize: 11 }} tickFormatter={(v: number) => String(v)} width={44} />
          ) : (
            <YAxis interval={0} tick={{ fontSize: 11 }} domain={percent ? [0, 1] : ['auto', 'auto']} tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => v.toFixed(2)} width={44} />
          )}
          {lines.flatMap((l) => [
            <Line key={`${l.id}-train`} data={l.train} dataKey="y" name={l.name} stroke={l.colour} dot={false} strokeWidth={1.5} isAnimationActive={false} />,
            <Line
              key={`${l.id}-val`}
              data={l.validation}
              dataKey="y"
              name={l.name}
              stroke={l.colour}
              strokeWidth={2}
              strokeDasharray="5 4"
              dot={{ r: 3, fill: l.colour, strokeDasharray: '' }}
              isAnimationActive={false}
            />,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});

const selectRuns = (s: AppState) => s.runs;

interface LiveChartProps {
  metric: 'loss' | 'accuracy';
  title: string;
  mode: XAxisMode;
  log: boolean;
  phase: number;
}

/** One chart with its own live subscription, so the two charts update in different frames. */
function LiveChart({ metric, title, mode, log, phase }: LiveChartProps) {
  const runs = useLiveValue(selectRuns, REDRAW_MS, phase);
  const lines = useMemo(
    () => chartLines(runs, metric, mode, { smoothing: SMOOTHING, maxPoints: MAX_POINTS, floor: log ? LOG_FLOOR : undefined }),
    [runs, metric, mode, log],
  );
  return <Chart title={title} lines={lines} percent={metric === 'accuracy'} log={log} mode={mode} testId={`${metric}-chart`} />;
}

export function MetricCharts() {
  const { t } = useTranslation();
  // The legend: names and colours of the runs with points (cheap HTML, no chart).
  const runs = useLiveValue(selectRuns, REDRAW_MS);
  const mode = useApp((s) => s.chartX);
  const logLoss = useApp((s) => s.logLoss);
  const loss = useMemo(() => runs.filter((r) => !r.hidden && (r.batches.length > 0 || r.epochs.length > 0)), [runs]);
  const empty = loss.every((r) => r.batches.length === 0);
  // Mounted even before training (empty), so the first batches only update the charts.
  return (
    <div className="charts" data-empty={empty}>
      <div className="row wrap chart-controls">
        <label className="field inline">
          <span>{t('charts.xAxis')}</span>
          <select data-testid="chart-x" value={mode} onChange={(e) => actions.setChartX.perform(e.target.value as XAxisMode)}>
            {X_AXIS_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`charts.x.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline checkbox">
          <input type="checkbox" data-testid="chart-log" checked={logLoss} onChange={() => actions.toggleLogLoss.perform()} />
          <span>{t('charts.logScale')}</span>
        </label>
        <ActionButton action={actions.exportChartsPng} />
      </div>
      {/* An HTML legend: recharts' own Legend and Tooltip cost tens of ms per live update. */}
      <div className="legend" data-testid="chart-legend">
        {loss.map((l) => (
          <span key={l.id} className="legend-entry" data-testid="legend-entry">
            <span className="swatch" style={{ background: l.colour }} />
            {l.name}
          </span>
        ))}
        <span className="legend-key muted">
          <svg width="22" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="22" y2="4" stroke="currentColor" strokeWidth="1.5" />
          </svg>{' '}
          {t('charts.trainBatch')}{' '}
          <svg width="22" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="22" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray="5 4" />
            <circle cx="11" cy="4" r="3" fill="currentColor" />
          </svg>{' '}
          {t('charts.validation')}
        </span>
      </div>
      <LiveChart metric="loss" title={t('charts.loss')} mode={mode} log={logLoss} phase={0} />
      <LiveChart metric="accuracy" title={t('charts.accuracy')} mode={mode} log={false} phase={REDRAW_MS / 2} />
      {empty ? <p className="muted charts-empty">{t('charts.empty')}</p> : null}
    </div>
  );
}
