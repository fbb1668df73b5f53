import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { currentShareUrl } from '../../actions/experimentActions';
import { experimentFields } from '../../state/experiment';
import { getApp, useApp } from '../../state/store';
import { QrCode } from './QrCode';

/** The open share box: the link to select and copy, what copying gave, and the link's QR code. */
export function ShareBox() {
  const { t } = useTranslation();
  const fields = useApp(useShallow(experimentFields));
  const copy = useApp((s) => s.share.copy);
  // Worked out again only when the experiment changes, never on a training update.
  const link = useMemo(() => currentShareUrl(getApp()), [fields]);
  return (
    <div className="share-box" data-testid="share-box">
      <label className="field share-url">
        <span>{t('experiment.linkLabel')}</span>
        <input type="text" readOnly value={link} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
      </label>
      {copy === 'copied' ? <p className="muted" data-testid="share-copied">{t('experiment.copied')}</p> : null}
      {copy === 'failed' ? <p className="muted" data-testid="share-copy-failed">{t('experiment.copyFailed')}</p> : null}
      <QrCode text={link} label={t('experiment.qr')} tooLong={t('experiment.qrTooLong')} />
    </div>
  );
}
