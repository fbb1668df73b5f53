import { useShallow } from 'zustand/react/shallow';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { statusText } from './statusText';
import { ACTIVE_STATUSES } from '../../state/runs';
import { isTraining, useApp, type AppState } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { useLiveValue } from '../common/useLiveValue';
import { formatDuration } from '../model/format';
import { augmentationText } from '../data/augmentText';
import { settingsText } from './settingsText';
import { runRow, sortRows, type RunRow, type Sort, type SortKey } from './runRows';

const REDRAW_MS = 500;

const COLUMNS: { key: SortKey | 'settings' | 'augmentation' | 'actions'; numeric?: boolean }[] = [
  { key: 'name' },
  { key: 'status' },
  { key: 'optimizer' },
  { key: 'settings' },
  { key: 'augmentation' },
  { key: 'loss' },
  { key: 'init' },
  { key: 'batchSize', numeric: true },
  { key: 'epochs', numeric: true },
  { key: 'seed', numeric: true },
  { key: 'firstBatchLoss', numeric: true },
  { key: 'bestValAccuracy', numeric: true },
  { key: 'testAccuracy', numeric: true },
  { key: 'timeMs', numeric: true },
  { key: 'imagesPerSec', numeric: true },
  { key: 'actions' },
];

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(2)}%`);


function NameCell({ row }: { row: RunRow }) {
  const { t } = useTranslation();
  return (
    <input
      key={row.name}
      className="run-name"
      data-testid="run-name"
      defaultValue={row.name}
      aria-label={t('runs.rename')}
      onBlur={(e) => {
        if (e.target.value !== row.name) actions.renameRun.perform({ id: row.id, name: e.target.value });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          e.currentTarget.value = row.name;
          e.currentTarget.blur();
        }
      }}
    />
  );
}

/** Reads the store directly, not the throttled rows, so the box responds at once. */
function VisibleToggle({ id, colour }: { id: string; colour: string }) {
  const { t } = useTranslation();
  const visible = useApp((s) => !s.runs.find((r) => r.id === id)?.hidden);
  return (
    <input
      type="checkbox"
      data-testid="run-visible"
      checked={visible}
      title={t('runs.visible')}
      aria-label={t('runs.visible')}
      style={{ accentColor: colour }}
      onChange={(e) => actions.setRunHidden.perform({ id, hidden: !e.target.checked })}
    />
  );
}

/** Copies the run's settings into the editor and brings the editor into view, to change one setting. */
async function duplicate(id: string): Promise<void> {
  await actions.duplicateRun.perform(id);
  document.querySelector('[data-testid="training-panel"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

const selectRuns = (s: AppState) => s.runs;

export function RunTable() {
  const { t, i18n } = useTranslation();
  const runs = useLiveValue(selectRuns, REDRAW_MS);
  const currentRunId = useApp((s) => s.currentRunId);
  const training = useTransitionApp(isTraining);
  // A run with a kept model can be shown even without a test result (an imported model).
  const withModel = useApp(useShallow((s) => s.results.models.map((m) => m.runId)));
  const [sort, setSort] = useState<Sort | null>(null);
  const rows = useMemo(() => sortRows(runs.map(runRow), sort), [runs, sort]);

  const toggleSort = (key: SortKey) =>
    setSort((s) => (s?.key !== key ? { key, descending: !['name', 'optimizer', 'status', 'loss', 'init'].includes(key) } : s.descending ? { key, descending: false } : null));

  if (rows.length === 0) return <p className="muted">{t('runs.empty')}</p>;
  return (
    <div className="run-table-wrap">
      <table className="run-table" data-testid="run-table">
        <thead>
          <tr>
            {COLUMNS.map(({ key, numeric }) => {
              const label = t(`runs.col.${key}`);
              if (key === 'settings' || key === 'augmentation' || key === 'actions') return <th key={key}>{label}</th>;
              const active = sort?.key === key;
              return (
                <th key={key} className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="sort" data-testid={`sort-${key}`} title={t('runs.sortBy', { column: label })} onClick={() => toggleSort(key)}>
                    {label}
                    {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const active = ACTIVE_STATUSES.includes(row.status);
            return (
              <tr key={row.id} data-testid="run-row" data-run-id={row.id} className={`${row.hidden ? 'hidden-run' : ''} ${row.id === currentRunId ? 'current-run' : ''}`}>
                <td className="name-cell">
                  <VisibleToggle id={row.id} colour={row.colour} />
                  <span className="swatch run-swatch" style={{ background: row.colour }} />
                  <NameCell row={row} />
                </td>
                <td className={`status-${row.status}`} data-testid="run-status-cell">{statusText(t, row)}</td>
                <td>{t(`optimizer.${row.optimizer}`, { defaultValue: row.optimizer })}</td>
                <td className="settings">{settingsText(t, row, i18n.language)}</td>
                <td className="augmentation" data-testid="run-augmentation">{augmentationText(t, row.augmentation)}</td>
                <td data-testid="run-loss" data-loss={row.loss}>{t(`lossFunction.short.${row.loss}`)}</td>
                <td data-testid="run-init" data-init={row.init}>{t(`weightInit.short.${row.init}`)}</td>
                <td className="num">{row.batchSize}</td>
                <td className="num">{row.epochs}</td>
                <td className="num">{row.seed}</td>
                <td className="num" data-testid="first-batch-loss">{row.firstBatchLoss === null ? '–' : row.firstBatchLoss.toFixed(5)}</td>
                <td className="num" data-testid="best-val-accuracy">{percent(row.bestValAccuracy)}</td>
                <td className="num" data-testid="run-test-accuracy">{percent(row.testAccuracy)}</td>
                <td className="num">{row.timeMs === null ? '–' : formatDuration(row.timeMs, i18n.language)}</td>
                <td className="num">{row.imagesPerSec === null ? '–' : Math.round(row.imagesPerSec)}</td>
                <td className="row-actions">
                  <button type="button" data-testid="show-run" disabled={training || (row.testAccuracy === null && !withModel.includes(row.id))} title={t('runs.show')} onClick={() => void actions.showRun.perform(row.id)}>
                    {t('runs.show')}
                  </button>
                  <button type="button" data-testid="duplicate-run" disabled={training} title={t('runs.duplicate')} onClick={() => void duplicate(row.id)}>
                    {t('runs.duplicateShort')}
                  </button>
                  <button type="button" data-testid="delete-run" disabled={active} title={t('runs.delete')} aria-label={t('runs.delete')} onClick={() => actions.deleteRun.perform(row.id)}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
