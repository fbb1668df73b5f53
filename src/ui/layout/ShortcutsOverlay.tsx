import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { actions, shortcutList } from '../../actions';
import { useApp } from '../../state/store';

/** The `?` overlay: every keyboard shortcut and what it does, from the action registry itself. */
export function ShortcutsOverlay() {
  const { t } = useTranslation();
  const open = useApp((s) => s.shortcutsOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="presentation" onClick={() => actions.toggleShortcuts.perform()}>
      <div
        className="overlay-box"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-overlay"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Escape closes the overlay here; it must not reach the page's Escape (Stop).
          if (e.key === 'Escape' || e.key === '?') {
            e.stopPropagation();
            e.preventDefault();
            actions.toggleShortcuts.perform();
          }
        }}
      >
        <h2 id="shortcuts-title">{t('app.shortcuts.title')}</h2>
        <p className="muted">{t('app.shortcuts.about')}</p>
        <table className="compact">
          <tbody>
            {shortcutList().map((s) => (
              <tr key={s.name} data-testid="shortcut-row">
                <td>
                  <kbd>{s.key}</kbd>
                </td>
                <td>{t(s.labelKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={close} onClick={() => actions.toggleShortcuts.perform()}>
          {t('app.shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
