import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { datasetFacts } from '../../state/datasetFacts';
import { architectureRows } from '../../state/architectureRows';
import { FINISHED_STATUSES } from '../../state/runs';
import { useApp } from '../../state/store';
import { formatCount, formatDuration } from '../model/format';

// The course's table of classic architectures, with the user's own finished runs as its rows: the
// original's year and ImageNet error beside what the scaled-down version did here.

const COLUMNS = ['run', 'architecture', 'dataset', 'depth', 'params', 'macs', 'testAccuracy', 'perEpoch', 'top5'] as const;
const NUMERIC = new Set<string>(['depth', 'params', 'macs', 'testAccuracy', 'perEpoch', 'top5']);

export function ArchitectureTable() {
  const { t, i18n } = useTranslation();
  // Finished runs no longer change, so the rows are worked out again only when one finishes, is renamed or goes.
  const finished = useApp(useShallow((s) => s.runs.filter((r) => FINISHED_STATUSES.includes(r.status))));
  const rows = useMemo(() => architectureRows(finished), [finished]);
  // Own datasets are named from the page's list of them (a run of one deleted since shows its id).
  const own = useApp((s) => s.own);
  if (rows.length === 0) return null;
  return (
    <div className="run-table-wrap architecture" tabIndex={0} role="region" aria-label={t('architectures.title')}>
      <h3>{t('architectures.title')}</h3>
      <p className="muted">{t('architectures.hint')}</p>
      <table className="run-table" data-testid="architecture-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} className={NUMERIC.has(c) ? 'num' : undefined} title={t(`architectures.help.${c}`, { defaultValue: '' }) || undefined}>
                {t(`architectures.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.runId} data-testid="architecture-row" data-run-id={r.runId} data-architecture={r.architecture}>
              <td className="name-cell">
                <span className="swatch run-swatch" style={{ background: r.colour }} />
                {r.runName}
              </td>
              <td>{r.architecture === 'custom' ? t('architectures.custom') : t(`architectures.name.${r.architecture}`)}</td>
              <td>{datasetFacts({ own }, r.dataset)?.name ?? r.dataset}</td>
              <td className="num">{r.depth}</td>
              <td className="num">{formatCount(r.params, i18n.language)}</td>
              <td className="num">{formatCount(r.macs, i18n.language)}</td>
              <td className="num" data-testid="architecture-test-accuracy">{r.testAccuracy === null ? '–' : `${(r.testAccuracy * 100).toFixed(2)}%`}</td>
              <td className="num">{r.msPerEpoch === null ? '–' : t('architectures.perEpochValue', { time: formatDuration(r.msPerEpoch, i18n.language), images: new Intl.NumberFormat(i18n.language).format(r.trainImages), backend: r.backend ?? '?' })}</td>
              <td className="num">{r.top5Error === null ? '–' : t('architectures.top5Value', { error: r.top5Error, year: r.year })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
