import i18n, { LANGUAGES, type Language } from '../i18n';
import type { BackendName } from '../engine/backend';
import { DATASET_IDS, isOwnDatasetId } from '../engine/data/catalog';
import { refreshOwnDatasets } from './ownDatasetActions';
import { getEngine } from '../state/engine';
import { getApp, setApp } from '../state/store';
import { loadPreset } from './modelActions';
import { selectDataset } from './datasetActions';
import { defineAction } from './types';
import { watchEngine } from './engineActions';
import { refreshKeptModels } from './resultActions';
import { bringBackExperiment, openLinkInAddress, persistExperiment } from './experimentActions';

export const setLanguage = defineAction<Language>({
  name: 'setLanguage',
  labelKey: 'app.language',
  perform(lang) {
    void i18n.changeLanguage(lang);
    localStorage.setItem('language', lang);
    document.documentElement.lang = lang;
  },
});

export const toggleShortcuts = defineAction({
  name: 'toggleShortcuts',
  labelKey: 'app.shortcuts.title',
  shortcut: { key: '?', label: '?' },
  perform() {
    setApp((s) => ({ shortcutsOpen: !s.shortcutsOpen }));
  },
});

/** Presenter mode: the same panels, laid out for a projector (ui/layout). */
export const togglePresenter = defineAction({
  name: 'togglePresenter',
  labelKey: 'app.presenter.toggle',
  perform() {
    setApp((s) => ({ presenter: !s.presenter }));
  },
});

export const toggleLanguage = defineAction({
  name: 'toggleLanguage',
  labelKey: 'app.switchLanguage',
  // A plain key: Ctrl+L is the browser's own (the address bar), and a shortcut must never take it.
  shortcut: { key: 'l', label: 'L' },
  perform() {
    const i = LANGUAGES.indexOf(i18n.language as Language);
    setLanguage.perform(LANGUAGES[(i + 1) % LANGUAGES.length]);
  },
});

/**
 * Brings back the experiment (a shared link, else the saved one) and saves it from then on; starts the
 * worker, picks a backend, finds prepared datasets and loads the experiment's dataset.
 */
export const boot = defineAction({
  name: 'boot',
  labelKey: 'app.boot',
  async perform() {
    // Before the engine: the dataset and model the experiment names are the ones boot loads.
    const restored = await bringBackExperiment();
    persistExperiment();
    window.addEventListener('hashchange', () => void openLinkInAddress.perform());
    const engine = getEngine();
    watchEngine();
    const order = new URLSearchParams(location.search).get('backend') as BackendName | null;
    try {
      const backend = await engine.init(order ? [order, 'cpu'] : undefined);
      setApp({ backend });
      const availability = await engine.availability();
      setApp({ availability });
      const preferred = getApp().datasetId;
      const firstReady = DATASET_IDS.find((id) => availability[id]?.status === 'ready');
      // A dataset the user's (or a shared) experiment names is opened even when not prepared here: the panel
      // then says how to prepare it, instead of the experiment quietly moving to another dataset.
      // Own datasets are listed from IndexedDB first, so the dataset menu has them when the experiment names one.
      await refreshOwnDatasets();
      const ready = isOwnDatasetId(preferred) || availability[preferred]?.status === 'ready';
      await selectDataset.perform(ready || restored ? preferred : (firstReady ?? preferred));
      if (getApp().layers.length === 0) loadPreset.perform('lenet-modern');
      await refreshKeptModels();
    } catch (e) {
      setApp({ engineError: e instanceof Error ? e.message : String(e) });
    }
  },
});
