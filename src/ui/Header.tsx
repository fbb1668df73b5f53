import { useTranslation } from 'react-i18next';
import { actions } from '../actions';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../i18n';
import { useApp } from '../state/store';
import { LESSONS } from '../lessons';

export function Header() {
  const { t, i18n } = useTranslation();
  const backend = useApp((s) => s.backend);
  const presenter = useApp((s) => s.presenter);
  const lesson = useApp((s) => s.lesson?.id ?? null);
  return (
    <header className="header">
      <div>
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <div className="header-right">
        <select className="lesson-select" aria-label={t('lessons.menu')} data-testid="lesson-select" value={lesson ?? ''} onChange={(e) => actions.openLesson.perform(e.target.value || null)}>
          <option value="">{t('lessons.menu')}…</option>
          {LESSONS.map((l) => (
            <option key={l.id} value={l.id}>
              {t(`lessons.${l.id}.title`)}
            </option>
          ))}
        </select>
        <button type="button" data-testid="presenter-toggle" aria-pressed={presenter} onClick={() => actions.togglePresenter.perform()}>
          {t(presenter ? 'app.presenter.leave' : 'app.presenter.toggle')}
        </button>
        <button type="button" data-testid="shortcuts-toggle" title={t('app.shortcuts.title')} aria-label={t('app.shortcuts.title')} onClick={() => actions.toggleShortcuts.perform()}>
          ?
        </button>
        <span className="badge" data-testid="backend" title={backend?.detail ?? undefined}>
          {t('app.backend', { name: backend ? backend.name : '…' })}
          {backend?.detail ? <small> · {backend.detail}</small> : null}
          {backend?.wasm?.nativeKernels ? <small> · {t('app.nativeKernels')}</small> : null}
        </span>
        <select
          aria-label={t('app.language')}
          data-testid="language"
          value={i18n.language}
          onChange={(e) => actions.setLanguage.perform(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}
