import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';

/**
 * Says, at the top of the page, that a teacher link hid or locked controls and which: a student who finds
 * a field disabled or missing sees why at once.
 */
export function ClassroomBanner() {
  const { t } = useTranslation();
  const classroom = useApp((s) => s.classroom);
  if (classroom.hidden.length + classroom.locked.length === 0) return null;
  const names = (keys: string[]) => (keys.length > 0 ? keys.map((k) => t(`experiment.settings.${k}`)).join(t('experiment.listSeparator')) : t('experiment.none'));
  return (
    <div className="notice banner row spread" data-testid="classroom-active">
      <span>{t('experiment.classroomActive', { hidden: names(classroom.hidden), locked: names(classroom.locked) })}</span>
      <ActionButton action={actions.leaveClassroom} />
    </div>
  );
}
