import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', zh: '简体中文' };

function initialLanguage(): Language {
  const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('language') : null;
  const browser = typeof navigator !== 'undefined' && navigator.language.startsWith('zh') ? 'zh' : 'en';
  const pick = fromUrl ?? stored ?? browser;
  return (LANGUAGES as readonly string[]).includes(pick) ? (pick as Language) : 'en';
}

// The page's title and language follow the UI's, from the first render on (a Chinese UI under an English
// tab title and lang="en" was what the walkthrough found); registered before init, which emits it too.
i18n.on('languageChanged', (lng) => {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
});

export default i18n;
