import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { classroomSettings, SETTINGS } from '../../experiment/settings';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { QrCode } from './QrCode';

/** The settings a classroom link can do anything with, in table order. */
const CHOOSABLE = SETTINGS.filter((s) => s.classroom.length > 0);
const HIDEABLE = new Set(classroomSettings('hide').map((s) => s.key));
const LOCKABLE = new Set(classroomSettings('lock').map((s) => s.key));

/** The teacher ticks which controls to hide or lock, and gets a link that carries the choice. */
export function TeacherLink() {
  const { t } = useTranslation();
  const choice = useApp((s) => s.share.teacherChoice);
  const link = useApp((s) => s.share.teacherLink);
  return (
    <details className="teacher-link" data-testid="teacher-link">
      <summary>{t('experiment.teacherTitle')}</summary>
      <p className="muted">{t('experiment.teacherIntro')}</p>
      <table className="teacher-choices">
        <thead>
          <tr>
            <th>{t('experiment.setting')}</th>
            <th>{t('experiment.hide')}</th>
            <th>{t('experiment.lock')}</th>
          </tr>
        </thead>
        <tbody>
          {CHOOSABLE.map((setting) => (
            <tr key={setting.key} data-testid={`teacher-${setting.key}`}>
              <td>{t(`experiment.settings.${setting.key}`)}</td>
              <td>
                {HIDEABLE.has(setting.key) ? (
                  <input
                    type="checkbox"
                    aria-label={`${t('experiment.hide')}: ${t(`experiment.settings.${setting.key}`)}`}
                    data-testid={`teacher-hide-${setting.key}`}
                    checked={choice.hidden.includes(setting.key)}
                    onChange={(e) => actions.setTeacherChoice.perform({ key: setting.key, access: 'hide', on: e.target.checked })}
                  />
                ) : null}
              </td>
              <td>
                {LOCKABLE.has(setting.key) ? (
                  <input
                    type="checkbox"
                    aria-label={`${t('experiment.lock')}: ${t(`experiment.settings.${setting.key}`)}`}
                    data-testid={`teacher-lock-${setting.key}`}
                    checked={choice.locked.includes(setting.key)}
                    onChange={(e) => actions.setTeacherChoice.perform({ key: setting.key, access: 'lock', on: e.target.checked })}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionButton action={actions.makeTeacherLink} />
      {link ? (
        <div className="share-box">
          <label className="field share-url">
            <span>{t('experiment.teacherLinkLabel')}</span>
            <input type="text" readOnly value={link} data-testid="teacher-url" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <QrCode text={link} label={t('experiment.qr')} tooLong={t('experiment.qrTooLong')} testId="teacher-qr" />
        </div>
      ) : null}
    </details>
  );
}
