import { getApp } from '../state/store';
import type { Action } from './types';
import { setLanguage, toggleLanguage } from './appActions';
import { dismissEngineNotice } from './engineActions';
import { explainPixel, lookInside, selectLayer, setInsideLive } from './inspectActions';
import { queueVanishingGradientLesson, setDynamicsRun } from './dynamicsActions';
import { evaluateRun, exportTrainedModel, importTrainedModel } from './resultActions';
import { calibrateBackends, chooseBackend } from './backendActions';
import { selectDataset, setSeed, setSubsets } from './datasetActions';
import { setAugmentationEnabled, setAugmentOp } from './augmentActions';
import * as pathActions from './pathActions';
import * as runActions from './runActions';
import { addBlock, addLayer, addMainPathLayer, editLayer, exportModel, importModel, loadPreset, moveLayer, moveMainPathLayer, removeLayer, removeMainPathLayer } from './modelActions';
import {
  chooseOptimizer,
  pauseTraining,
  resumeTraining,
  setHyperparameter,
  setOptimizerParam,
  setRegularization,
  chooseSchedule,
  setScheduleParam,
  startTraining,
  stopTraining,
  useLargeBatch,
  setRestoreBestWeights,
} from './trainingActions';

// The single registry of user commands.
export const actions = {
  setLanguage,
  toggleLanguage,
  dismissEngineNotice,
  selectLayer,
  lookInside,
  explainPixel,
  setInsideLive,
  setDynamicsRun,
  queueVanishingGradientLesson,
  evaluateRun,
  exportTrainedModel,
  importTrainedModel,
  selectDataset,
  setSubsets,
  setSeed,
  setAugmentationEnabled,
  setAugmentOp,
  loadPreset,
  addLayer,
  addBlock,
  addMainPathLayer,
  removeMainPathLayer,
  moveMainPathLayer,
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
  setRegularization,
  useLargeBatch,
  setRestoreBestWeights,
  // Runs and comparisons (src/actions/runActions.ts).
  queueRun: runActions.queueRun,
  trainQueue: runActions.trainQueue,
  renameRun: runActions.renameRun,
  setRunHidden: runActions.setRunHidden,
  deleteRun: runActions.deleteRun,
  duplicateRun: runActions.duplicateRun,
  continueTraining: runActions.continueTraining,
  trainFromScratch: runActions.trainFromScratch,
  showRun: runActions.showRun,
  setChartX: runActions.setChartX,
  toggleLogLoss: runActions.toggleLogLoss,
  exportRunsCsv: runActions.exportRunsCsv,
  exportChartsPng: runActions.exportChartsPng,
  restoreRuns: runActions.restoreRuns,
  dismissRunsNotice: runActions.dismissRunsNotice,
  calibrateBackends,
  chooseBackend,
  // The optimizer-paths lab (src/actions/pathActions.ts).
  tracePaths: pathActions.tracePaths,
  choosePathSurface: pathActions.choosePathSurface,
  setPathStart: pathActions.setPathStart,
  setPathSteps: pathActions.setPathSteps,
  addPathOptimizer: pathActions.addPathOptimizer,
  removePathOptimizer: pathActions.removePathOptimizer,
  choosePathOptimizer: pathActions.choosePathOptimizer,
  setPathRate: pathActions.setPathRate,
  playPaths: pathActions.playPaths,
  pausePaths: pathActions.pausePaths,
  stepPaths: pathActions.stepPaths,
  seekPaths: pathActions.seekPaths,
  resetPaths: pathActions.resetPaths,
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
