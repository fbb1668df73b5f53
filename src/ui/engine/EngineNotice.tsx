import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';

/** Says that the training engine was restarted, and why; everything the user made is still there. */
export function EngineNotice() {
  const { t } = useTranslation();
  const notice = useApp((s) => s.engineNotice);
  if (!notice) return null;
  return (
    <div className="notice banner row" role="alert" data-testid="engine-notice" data-kind={notice.kind}>
      <span>{t(`engine.notice.${notice.kind}`, { detail: notice.detail ?? '' })}</span>
      <ActionButton action={actions.dismissEngineNotice} />
    </div>
  );
}
