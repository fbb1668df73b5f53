import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { useApp, type AppState } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { ChartTable } from './ChartTable';
import { chartLines, plannedXMax, X_AXIS_MODES, type RunLines, type XAxisMode } from './runSeries';
import { linearTicks, logTicks } from './ticks';
import { useLiveValue } from '../common/useLiveValue';
import { useOnScreen } from '../common/useOnScreen';
import { chartedLosses } from '../../state/chartedLosses';
import { listText } from '../common/listText';

// Per run and metric; with ten runs still a few thousand points, cheap for SVG.
const MAX_POINTS = 120;
const SMOOTHING = 0.9;
const REDRAW_MS = 500;
const LOG_FLOOR = 1e-4;

/** The x-axis numbers in the UI's language: image counts compact (12K, 1.2万), times in seconds (12s, 12秒). */
function formatX(mode: XAxisMode, language: string): (v: number) => string {
  switch (mode) {
    case 'epochs':
      return (v) => String(Math.round(v * 100) / 100);
    case 'images': {
      const compact = new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 });
      return (v) => compact.format(v);
    }
    case 'time': {
      const seconds = new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 });
      return (v) => seconds.format(v);
    }
  }
}

interface ChartProps {
  title: string;
  lines: RunLines[];
  /** The x-axis end, or null to fit the data. */
  xMax: number | null;
  percent: boolean;
  log: boolean;
  mode: XAxisMode;
  testId: string;
}

const ACCURACY_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** 0.01 … 1000 as written; beyond, powers of ten as 1e+6, so a blown-up run's labels fit the axis. */
const formatLogTick = (v: number) => (v >= 1e4 || v < 1e-3 ? v.toExponential(0) : String(v));

const Chart = memo(function Chart({ title, lines, xMax, percent, log, mode, testId }: ChartProps) {
  const { t, i18n } = useTranslation();
  // Taller on a projector, where the chart is what the class watches.
  const presenter = useApp((s) => s.presenter);
  const height = presenter ? 380 : 220;
  // The axes' numbers in px (recharts draws SVG text): read from the back of a classroom in presenter mode.
  const tickPx = presenter ? 20 : 11;
  const { xTicks, yTicks } = useMemo(() => {
    const points = lines.flatMap((l) => [...l.train, ...l.validation]);
    const ys = points.map((p) => p.y).filter(Number.isFinite);
    const xEnd = xMax ?? Math.max(0, ...points.map((p) => p.x));
    const y = percent ? ACCURACY_TICKS : log ? logTicks(ys) : ys.length ? linearTicks(Math.min(0, ...ys), Math.max(...ys)) : null;
    return { xTicks: linearTicks(0, xEnd > 0 ? xEnd : 1), yTicks: y };
  }, [lines, xMax, percent, log]);
  return (
    <div className="chart" data-testid={testId} role="figure" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      {/* Explicit ticks and interval={0}: recharts neither computes nice ticks nor measures every tick label
          in the DOM to thin them out (a forced layout) on each live update; the x-axis is fixed while training. */}
      <ResponsiveContainer width="100%" height={height}>
        <LineChart margin={{ top: presenter ? 12 : 4, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[xTicks[0], xTicks[xTicks.length - 1]]}
            ticks={xTicks}
            allowDuplicatedCategory={false}
            interval={0}
            tick={{ fontSize: tickPx }}
            tickFormatter={formatX(mode, i18n.language)}
            height={presenter ? 44 : 30}
            label={{ value: t(`charts.x.${mode}`), position: 'insideBottomRight', offset: -2, fontSize: tickPx }}
          />
          <YAxis
            scale={log && yTicks ? 'log' : 'linear'}
            domain={yTicks ? [yTicks[0], yTicks[yTicks.length - 1]] : [0, 1]}
            ticks={yTicks ?? undefined}
            interval={0}
            allowDataOverflow
            tick={{ fontSize: tickPx }}
            tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : log ? formatLogTick : (v: number) => String(Number(v.toFixed(2)))}
            width={presenter ? 70 : 44}
          />
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
      <ChartTable lines={lines} percent={percent} mode={mode} caption={title} />
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
  // Scrolled off screen (to the run table, the views inside), the chart waits and catches up on return.
  const [ref, onScreen] = useOnScreen<HTMLDivElement>();
  const runs = useLiveValue(selectRuns, REDRAW_MS, phase, onScreen);
  const xMax = useMemo(() => plannedXMax(runs, mode), [runs, mode]);
  const lines = useMemo(
    () => chartLines(runs, metric, mode, { smoothing: SMOOTHING, maxPoints: MAX_POINTS, floor: log ? LOG_FLOOR : undefined }),
    [runs, metric, mode, log],
  );
  return (
    <div ref={ref}>
      <Chart title={title} lines={lines} xMax={xMax} percent={metric === 'accuracy'} log={log} mode={mode} testId={`${metric}-chart`} />
    </div>
  );
}

export function MetricCharts() {
  const { t, i18n } = useTranslation();
  // The legend: names and colours of the runs with points (cheap HTML, no chart).
  const runs = useLiveValue(selectRuns, REDRAW_MS);
  const mode = useApp((s) => s.chartX);
  const logLoss = useApp((s) => s.logLoss);
  const loss = useMemo(() => runs.filter((r) => !r.hidden && (r.batches.length > 0 || r.epochs.length > 0)), [runs]);
  const empty = loss.every((r) => r.batches.length === 0);
  // The chart names the loss it draws: the charted runs' own (each run's), or the editor's before any.
  const editorLoss = useApp((s) => s.loss);
  const lossNames = chartedLosses({ runs, loss: editorLoss });
  const lossTitle = t('charts.lossNamed', { names: listText(lossNames.map((l) => t(`lossFunction.short.${l}`)), i18n.language) });
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
      <LiveChart metric="loss" title={lossTitle} mode={mode} log={logLoss} phase={0} />
      <LiveChart metric="accuracy" title={t('charts.accuracy')} mode={mode} log={false} phase={REDRAW_MS / 2} />
      {empty ? <p className="muted charts-empty">{t('charts.empty')}</p> : null}
    </div>
  );
}
