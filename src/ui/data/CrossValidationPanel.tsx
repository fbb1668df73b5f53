import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { MAX_FOLDS, MIN_FOLDS } from '../../engine/data/folds';
import { alreadyCrossValidated } from '../../actions/dataLabActions';
import { crossValidations, type CrossValidation } from '../../state/crossValidation';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { ActionButton } from '../common/ActionButton';
import { lossText, percent, spreadLoss, spreadPercent } from './labText';

const FOLD_CHOICES = Array.from({ length: MAX_FOLDS - MIN_FOLDS + 1 }, (_, i) => MIN_FOLDS + i);

/**
 * The two best complete configurations side by side: the difference of their mean validation accuracies
 * against the spread over folds (a difference within one standard deviation is not told apart by the folds).
 */
function Comparison({ groups }: { groups: CrossValidation[] }) {
  const { t } = useTranslation();
  const done = groups.filter((g) => g.complete && g.accuracy).sort((a, b) => b.accuracy!.mean - a.accuracy!.mean);
  if (done.length < 2) return null;
  const [a, b] = done;
  const diff = (a.accuracy!.mean - b.accuracy!.mean) * 100;
  const clear = a.accuracy!.mean - b.accuracy!.mean > Math.max(a.accuracy!.std, b.accuracy!.std);
  return (
    <p className="lab-verdict" data-testid="kfold-compare">
      {t(clear ? 'kfold.compareClear' : 'kfold.compareUnclear', { a: a.name, b: b.name, diff: diff.toFixed(1) })}
    </p>
  );
}

/** K-fold cross-validation of the editor's settings, and each cross-validated configuration's folds and mean ± std. */
export function CrossValidationPanel() {
  const { t } = useTranslation();
  const k = useApp((s) => s.dataLab.folds);
  // Only the folds' runs: a batch of another run does not re-render the table.
  const runs = useApp(useShallow((s) => s.runs.filter((r) => r.config.fold)));
  const training = useTransitionApp(isTraining);
  const groups = useMemo(() => crossValidations(runs), [runs]);
  const repeated = useApp((s) => !isTraining(s) && !!s.dataset && alreadyCrossValidated(s));
  const best = groups.filter((g) => g.complete).reduce<number | null>((m, g) => (m === null || g.accuracy!.mean > m ? g.accuracy!.mean : m), null);
  return (
    <section className="panel" data-testid="kfold-panel">
      <h2>{t('kfold.title')}</h2>
      <p className="muted">{t('kfold.intro')}</p>
      <div className="lab-controls">
        <label className="field inline">
          <span>{t('kfold.k')}</span>
          <select data-testid="kfold-k" value={k} disabled={training} onChange={(e) => actions.setFolds.perform(Number(e.target.value))}>
            {FOLD_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <ActionButton action={actions.crossValidate} testId="kfold-queue" label={t('kfold.queue', { k })} />
      </div>
      {repeated ? <p className="muted">{t('kfold.changeFirst')}</p> : null}
      {groups.length > 0 ? (
        <div className="run-table-wrap" data-testid="kfold-summary">
          <table className="run-table lab-table">
            <thead>
              <tr>
                <th>{t('kfold.configuration')}</th>
                <th>{t('kfold.fold')}</th>
                <th className="num">{t('kfold.valAccuracy')}</th>
                <th className="num">{t('kfold.valLoss')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g, gi) => (
                <Fragment key={g.key}>
                  {g.folds.map((f) => (
                    <tr key={f.runId} data-testid={`kfold-fold-${gi}-${f.index}`}>
                      <td className="name-cell">
                        <span className="swatch run-swatch" style={{ background: g.colour }} /> {f.index === 0 ? g.name : ''}
                      </td>
                      <td className="fold-cell">{t('kfold.foldName', { index: f.index + 1, k: g.k })}{f.status === 'done' ? '' : ` (${t(`training.status.${f.status}`)})`}</td>
                      <td className="num">{percent(f.valAccuracy)}</td>
                      <td className="num">{lossText(f.valLoss)}</td>
                    </tr>
                  ))}
                  <tr className="lab-summary" data-testid={`kfold-mean-${gi}`} data-complete={g.complete}>
                    <td className="name-cell">
                      <strong>{g.name}</strong>
                      {best !== null && g.complete && g.accuracy!.mean === best && groups.filter((x) => x.complete).length > 1 ? ` · ${t('kfold.highest')}` : ''}
                    </td>
                    <td className="fold-cell">
                      <strong>{g.complete ? t('kfold.meanStd') : t('kfold.partial', { done: g.accuracy?.n ?? 0, k: g.k })}</strong>
                    </td>
                    <td className="num">
                      <strong>{spreadPercent(g.accuracy)}</strong>
                    </td>
                    <td className="num">
                      <strong>{spreadLoss(g.loss)}</strong>
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
          <Comparison groups={groups} />
          <p className="muted">{t('kfold.reading')}</p>
        </div>
      ) : null}
    </section>
  );
}
