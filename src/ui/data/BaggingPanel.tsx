import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { MAX_BAGGING_MEMBERS } from '../../engine/data/bootstrap';
import { alreadyBagged } from '../../actions/dataLabActions';
import { baggingGroups } from '../../state/crossValidation';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { ActionButton } from '../common/ActionButton';
import { percent } from './labText';

const MEMBER_CHOICES = Array.from({ length: MAX_BAGGING_MEMBERS - 1 }, (_, i) => i + 2);

/** Bagging: N members on bootstrap samples, each member's test accuracy beside the ensemble's. */
export function BaggingPanel() {
  const { t } = useTranslation();
  const n = useApp((s) => s.dataLab.members);
  const runs = useApp(useShallow((s) => s.runs.filter((r) => r.config.bootstrap)));
  const ensembles = useApp((s) => s.dataLab.ensembles);
  const busy = useApp((s) => s.dataLab.ensembleBusy);
  const error = useApp((s) => s.dataLab.ensembleError);
  const training = useTransitionApp(isTraining);
  const groups = useMemo(() => baggingGroups(runs), [runs]);
  const repeated = useApp((s) => !isTraining(s) && !!s.dataset && alreadyBagged(s));
  return (
    <section className="panel" data-testid="bagging-panel">
      <h2>{t('bagging.title')}</h2>
      <p className="muted">{t('bagging.intro')}</p>
      <div className="lab-controls">
        <label className="field inline">
          <span>{t('bagging.members')}</span>
          <select data-testid="bagging-members" value={n} disabled={training} onChange={(e) => actions.setMembers.perform(Number(e.target.value))}>
            {MEMBER_CHOICES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <ActionButton action={actions.queueBagging} testId="bagging-queue" label={t('bagging.queue', { count: n })} />
      </div>
      {repeated ? <p className="muted">{t('bagging.changeFirst')}</p> : null}
      {groups.map((g, gi) => {
        const result = ensembles[g.key];
        const byRun = new Map(result?.members.map((m) => [m.runId, m.accuracy]) ?? []);
        return (
          <div key={g.key} className="run-table-wrap" data-testid={`bagging-group-${gi}`}>
            <h3>{g.name}</h3>
            <table className="run-table lab-table">
              <thead>
                <tr>
                  <th>{t('bagging.model')}</th>
                  <th className="num">{t('bagging.testAccuracy')}</th>
                </tr>
              </thead>
              <tbody>
                {g.members.map((m) => (
                  <tr key={m.runId}>
                    <td>
                      {t('bagging.memberName', { index: m.member + 1 })}
                      {m.status === 'done' ? '' : ` (${t(`training.status.${m.status}`)})`}
                    </td>
                    <td className="num">{percent(byRun.get(m.runId) ?? m.testAccuracy)}</td>
                  </tr>
                ))}
                <tr className="lab-summary" data-testid={`bagging-ensemble-${gi}`}>
                  <td>
                    <strong>{t('bagging.ensemble', { count: result?.members.length ?? g.members.length })}</strong>
                  </td>
                  <td className="num">
                    <strong>{result ? percent(result.accuracy) : '–'}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
            {result ? (
              <p className="muted">
                {t('bagging.verdict', {
                  ensemble: percent(result.accuracy),
                  mean: percent(result.members.reduce((a, m) => a + m.accuracy, 0) / result.members.length),
                  best: percent(Math.max(...result.members.map((m) => m.accuracy))),
                  images: result.images.toLocaleString(),
                })}
              </p>
            ) : null}
            <ActionButton action={actions.evaluateEnsemble} payload={g.key} testId={`bagging-evaluate-${gi}`} label={busy === g.key ? t('bagging.evaluating') : t('bagging.evaluate')} />
            {error?.key === g.key ? <p className="error">{error.message}</p> : null}
          </div>
        );
      })}
    </section>
  );
}
