import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { rateKey } from '../../engine/paths/defaults';
import { usePaths } from '../../state/paths';
import { formatValue } from './geometry';

/** One line per optimizer: its colour, name and rate, f at the step on show, and whether it blew up. */
export function PathLegend() {
  const { t } = useTranslation();
  const s = usePaths(useShallow((p) => ({ rows: p.rows, result: p.result, frame: p.frame, surface: p.surface })));
  const result = s.result?.surface === s.surface ? s.result : null;
  return (
    <ul className="paths-legend" data-testid="paths-legend">
      {s.rows.map((row, i) => {
        const path = result?.paths[i]?.spec.type === row.spec.type ? result.paths[i] : null;
        const point = path ? path.points[Math.min(s.frame, path.points.length - 1)] : null;
        const key = rateKey(row.spec);
        const stop = path?.stopped && s.frame >= path.stopped.step ? path.stopped : null;
        return (
          <li key={row.key} data-testid={`paths-legend-${row.spec.type}`}>
            <span className="paths-swatch" style={{ background: row.color }} />
            <strong>{t(`optimizer.${row.spec.type}`)}</strong>
            {key ? <span className="muted">{` ${t(`hyper.${key}`)} ${formatValue((row.spec as Record<string, number | string>)[key] as number)}`}</span> : null}
            {point ? <span className="paths-loss">{`f = ${formatValue(point[2])}`}</span> : null}
            {stop ? <span className="error">{t(stop.reason === 'nan' ? 'paths.nan' : 'paths.diverged', { step: stop.step })}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
