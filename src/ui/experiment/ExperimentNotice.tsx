import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { sayExperimentProblem } from '../../i18n/experimentProblemText';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';

/** What happened to the experiment just loaded (a link, a file, the saved copy) and every problem with it. */
export function ExperimentNotice() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.experimentNotice);
  if (!notice) return null;
  const { source, problems } = notice;
  return (
    <div className={`${problems.length > 0 ? 'notice' : 'notice ok'} banner experiment-notice`} role="status" data-testid="experiment-notice">
      <div className="row spread">
        {notice.loaded ? (
          <strong data-testid="experiment-loaded">{t(`experiment.loaded_${source}`, { name: notice.name ?? '' })}</strong>
        ) : (
          <strong data-testid="experiment-not-loaded">{t(`experiment.notLoaded_${source}`, { name: notice.name ?? '' })}</strong>
        )}
        <ActionButton action={actions.dismissExperimentNotice} />
      </div>
      {problems.length > 0 ? (
        <>
          <p>{t(`experiment.problems_${source}`)}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-testid="experiment-problem">{sayExperimentProblem(t, p)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
