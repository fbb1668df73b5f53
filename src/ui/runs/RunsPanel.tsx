import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { sayIssue } from '../../i18n/issueText';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { ArchitectureTable } from './ArchitectureTable';
import { RunTable } from './RunTable';
import { differences, differentLosses } from './runRows';
import { listText } from '../common/listText';

export function RunsPanel() {
  const { t, i18n } = useTranslation();
  const queued = useApp((s) => s.runs.filter((r) => r.status === 'queued').length);
  const notices = useApp((s) => s.runsNotice);
  // Only what the fairness line needs, so it does not re-render on every training event.
  const differ = useApp(useShallow((s) => differences(s.runs)));
  const count = useApp((s) => s.runs.length);
  const losses = useApp(useShallow((s) => differentLosses(s.runs)));
  return (
    <section className="panel" data-testid="runs-panel">
      <div className="row spread">
        <h2>{t('runs.title')}</h2>
        <div className="row">
          {queued > 0 ? <span className="muted" data-testid="queued-count">{t('runs.queued', { count: queued })}</span> : null}
          <ActionButton action={actions.trainQueue} className="primary" />
          <ActionButton action={actions.exportRunsCsv} />
        </div>
      </div>
      {notices.length > 0 ? (
        <div className="notice" data-testid="runs-notice">
          {notices.map((n, i) => (
            <p key={i}>{n.kind === 'storage' ? t('runs.storage', { problem: n.problem }) : t('runs.unreadable', { name: n.name, problem: sayIssue(t, n.problem) })}</p>
          ))}
          <ActionButton action={actions.dismissRunsNotice} />
        </div>
      ) : null}
      {count > 1 ? (
        <p className={differ.length ? 'notice' : 'muted'} data-testid="fairness">
          {differ.length ? t('runs.differ', { fields: listText(differ.map((d) => t(`runs.differField.${d}`)), i18n.language) }) : t('runs.fairness')}
        </p>
      ) : null}
      {losses.length > 0 ? (
        <p className="notice" data-testid="losses-differ">
          {t('runs.lossesDiffer', { losses: listText(losses.map((l) => t(`lossFunction.short.${l}`)), i18n.language) })}
        </p>
      ) : null}
      <RunTable />
      <ArchitectureTable />
    </section>
  );
}
