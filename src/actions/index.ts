import { getApp } from '../state/store';
import type { Action } from './types';
import { setLanguage, toggleLanguage, togglePresenter, toggleShortcuts } from './appActions';
import { dismissEngineNotice } from './engineActions';
import { explainPixel, lookInside, selectLayer, setInsideLive } from './inspectActions';
import { queueVanishingGradientLesson, setDynamicsRun } from './dynamicsActions';
import { goToLessonStep, loadLessonStep, openLesson } from './lessonActions';
import { evaluateRun, exportTrainedModel, importTrainedModel } from './resultActions';
import { calibrateBackends, chooseBackend } from './backendActions';
import { selectDataset, setSeed, setSubsets } from './datasetActions';
import { addOwnClass, addOwnFiles, createOwnDataset, deleteOwnClass, deleteOwnImage, editOwnDataset, removeOwnDataset, renameOwnClass } from './ownDatasetActions';
import { setAugmentationEnabled, setAugmentOp } from './augmentActions';
import { crossValidate, evaluateEnsemble, queueBagging, queueOverfittingLab, setFolds, setMembers, setOverfitChoice } from './dataLabActions';
import * as pathActions from './pathActions';
import * as experimentActions from './experimentActions';
import * as runActions from './runActions';
import { addBlock, addLayer, addMainPathLayer, editLayer, exportModel, importModel, loadPreset, moveLayer, moveMainPathLayer, removeLayer, removeMainPathLayer } from './modelActions';
import {
  chooseOptimizer,
  pauseTraining,
  resumeTraining,
  stepBatch,
  setHyperparameter,
  setOptimizerParam,
  setRegularization,
  chooseSchedule,
  setScheduleParam,
  startTraining,
  stopTraining,
  useLargeBatch,
  setRestoreBestWeights,
  chooseLoss,
  chooseInit,
} from './trainingActions';

// The single registry of user commands.
export const actions = {
  setLanguage,
  toggleLanguage,
  toggleShortcuts,
  togglePresenter,
  dismissEngineNotice,
  selectLayer,
  lookInside,
  explainPixel,
  setInsideLive,
  openLesson,
  goToLessonStep,
  loadLessonStep,
  setDynamicsRun,
  queueVanishingGradientLesson,
  evaluateRun,
  exportTrainedModel,
  importTrainedModel,
  selectDataset,
  createOwnDataset,
  editOwnDataset,
  removeOwnDataset,
  addOwnFiles,
  addOwnClass,
  renameOwnClass,
  deleteOwnClass,
  deleteOwnImage,
  setSubsets,
  setSeed,
  setAugmentationEnabled,
  setAugmentOp,
  setOverfitChoice,
  queueOverfittingLab,
  setFolds,
  crossValidate,
  setMembers,
  queueBagging,
  evaluateEnsemble,
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
  chooseLoss,
  chooseInit,
  setOptimizerParam,
  chooseSchedule,
  setScheduleParam,
  setHyperparameter,
  startTraining,
  pauseTraining,
  resumeTraining,
  stepBatch,
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
  resetRun: runActions.resetRun,
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
  // The experiment: share link, file, teacher link (src/actions/experimentActions.ts).
  toggleShareLink: experimentActions.toggleShareLink,
  exportExperiment: experimentActions.exportExperiment,
  importExperiment: experimentActions.importExperiment,
  dismissExperimentNotice: experimentActions.dismissExperimentNotice,
  setTeacherChoice: experimentActions.setTeacherChoice,
  makeTeacherLink: experimentActions.makeTeacherLink,
  leaveClassroom: experimentActions.leaveClassroom,
  setPathsOpen: experimentActions.setPathsOpen,
} as const;

const withShortcut = (Object.values(actions) as Action<unknown>[]).filter((a) => a.shortcut);

/** Every keyboard shortcut with the action it runs, for the `?` overlay. */
export function shortcutList(): { key: string; labelKey: string; name: string }[] {
  return withShortcut.map((a) => ({ key: a.shortcut!.label, labelKey: a.labelKey, name: a.name }));
}

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
