import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { ActionButton } from '../common/ActionButton';
import { ShareBox } from './ShareBox';
import { TeacherLink } from './TeacherLink';
import './experiment.css';

/** Share the experiment as a link (and QR code) or a file, bring one in from a file, make a teacher link. */
export function ExperimentPanel() {
  const { t } = useTranslation();
  const open = useApp((s) => s.share.open);
  const training = useTransitionApp(isTraining);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section className="panel experiment-panel" data-testid="experiment-panel">
      <h2>{t('experiment.title')}</h2>
      <p className="muted">{t('experiment.intro')}</p>
      <div className="row wrap">
        <button type="button" className={open ? 'pressed' : undefined} aria-pressed={open} title={t('experiment.shareLinkHelp')} data-testid="share-link" onClick={() => void actions.toggleShareLink.perform()}>
          {t('experiment.shareLink')}
        </button>
        <ActionButton action={actions.exportExperiment} testId="export-experiment" />
        <button type="button" disabled={training} data-testid="import-experiment" onClick={() => fileInput.current?.click()}>
          {t('experiment.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="import-experiment-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) await actions.importExperiment.perform({ text: await file.text(), name: file.name });
            e.target.value = '';
          }}
        />
      </div>
      {open ? <ShareBox /> : null}
      <TeacherLink />
    </section>
  );
}
