import { getApp } from '../state/store';
import type { Action } from './types';
import { setLanguage, toggleLanguage } from './appActions';
import { selectDataset, setSeed, setSubsets } from './datasetActions';
import { addLayer, editLayer, exportModel, importModel, loadPreset, moveLayer, removeLayer } from './modelActions';
import {
  chooseOptimizer,
  pauseTraining,
  resumeTraining,
  setHyperparameter,
  setOptimizerParam,
  chooseSchedule,
  setScheduleParam,
  startTraining,
  stopTraining,
} from './trainingActions';

// The single registry of user commands.
export const actions = {
  setLanguage,
  toggleLanguage,
  selectDataset,
  setSubsets,
  setSeed,
  loadPreset,
  addLayer,
  removeLayer,
  moveLayer,
  editLayer,
  exportModel,
  importModel,
  chooseOptimizer,
  setOptimizerParam,
  chooseSchedule,
  setScheduleParam,
  setHyperparameter,
  startTraining,
  pauseTraining,
  resumeTraining,
  stopTraining,
} as const;

const withShortcut = (Object.values(actions) as Action<unknown>[]).filter((a) => a.shortcut);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Runs the first enabled action whose shortcut matches; plain keys are ignored while typing. */
export function handleShortcut(e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  for (const action of withShortcut) {
    const sc = action.shortcut!;
    if (sc.key.toLowerCase() !== e.key.toLowerCase() || !!sc.mod !== mod) continue;
    if (!sc.mod && sc.key !== 'Escape' && isTyping(e.target)) continue;
    const state = getApp();
    if (action.enabled && !action.enabled(state)) continue;
    e.preventDefault();
    void action.perform(undefined);
    return true;
  }
  return false;
}
