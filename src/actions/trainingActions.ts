import { analyzeModel } from '../engine/spec/analyze';
import { defaultSchedule, type ScheduleSpec, type ScheduleType } from '../engine/train/schedule';
import { defaultOptimizer, suggestedBatchSize, type OptimizerSpec, type OptimizerType } from '../engine/train/optimizerSpec';
import { getEngine } from '../state/engine';
import { settingsProblems } from '../state/settingsProblems';
import { currentSpec } from '../state/spec';
import { getApp, isTraining, setApp, updateRun, type AppState } from '../state/store';
import { addRun, haltQueue, processQueue, runFromEditor } from './runQueue';
import { watchStop } from './engineActions';
import { defineAction } from './types';
import { advanceStatus } from '../state/runStatus';
import { editorMemory } from '../state/memory';
import { isLocked } from '../state/experiment';
import { LOSS_TYPES, type LossType } from '../engine/train/lossSpec';
import { INIT_TYPES, type InitType } from '../engine/model/initSpec';

/** A setting may change: nothing trains and no classroom link locked or hid it. */
const editable = (s: AppState, key: string) => !isTraining(s) && !isLocked(s, key);

/** The editor's model and settings make a run that can train: no field shows a problem and the model is sound. */
export function settingsReady(s: AppState): boolean {
  if (!s.dataset || s.datasetLoading) return false;
  return Object.keys(settingsProblems(s)).length === 0 && modelReady(s, s.dataset);
}

/** The model fits the dataset; analysed only when the layers or the dataset changed (buttons ask often). */
function modelReady(s: AppState, dataset: NonNullable<AppState['dataset']>): boolean {
  if (lastModel && lastModel.dataset === dataset && lastModel.layers === s.layers) return lastModel.ready;
  const ready = analyzeModel(currentSpec(s), dataset.classNames.length).ok;
  lastModel = { dataset, layers: s.layers, ready };
  return ready;
}

let lastModel: { dataset: AppState['dataset']; layers: AppState['layers']; ready: boolean } | null = null;

export function canStart(s: AppState): boolean {
  return !isTraining(s) && s.backend !== null && settingsReady(s) && !editorMemory(s)?.problem;
}

/** Train: the current settings join the queue as a run, and the queue starts. */
export const startTraining = defineAction({
  name: 'startTraining',
  labelKey: 'training.start',
  shortcut: { key: 'Enter', mod: true, label: 'Ctrl+Enter' },
  enabled: canStart,
  visible: (s) => !isTraining(s),
  async perform() {
    const s = getApp();
    if (!canStart(s)) return;
    const run = runFromEditor(s);
    addRun(run);
    await processQueue(run.id);
  },
});

export const pauseTraining = defineAction({
  name: 'pauseTraining',
  labelKey: 'training.pause',
  shortcut: { key: 'p', label: 'P' },
  enabled: (s) => s.run.status === 'running',
  visible: (s) => s.run.status !== 'paused',
  perform() {
    updateRun((r) => ({ status: advanceStatus(r.status, 'pausing') }));
    getEngine().pause().catch(() => {}); // a worker replaced meanwhile has nothing to pause
  },
});

export const resumeTraining = defineAction({
  name: 'resumeTraining',
  labelKey: 'training.resume',
  shortcut: { key: 'p', label: 'P' },
  enabled: (s) => s.run.status === 'paused',
  visible: (s) => s.run.status === 'paused',
  perform() {
    getEngine().resume().catch(() => {});
  },
});

/** One batch from a pause, then paused again: the charts, views and histograms show one step's change. */
export const stepBatch = defineAction({
  name: 'stepBatch',
  labelKey: 'training.stepBatch',
  shortcut: { key: 'n', label: 'N' },
  enabled: (s) => s.run.status === 'paused',
  visible: (s) => s.run.status === 'paused',
  perform() {
    getEngine().stepOnce().catch(() => {});
  },
});

export const stopTraining = defineAction({
  name: 'stopTraining',
  labelKey: 'training.stop',
  shortcut: { key: 'Escape', label: 'Esc' },
  enabled: (s) => ['running', 'paused', 'pausing', 'starting'].includes(s.run.status),
  perform() {
    haltQueue();
    updateRun((r) => ({ status: advanceStatus(r.status, 'stopping') }));
    getEngine().stop().catch(() => {}); // a stuck worker never answers: watchStop replaces it
    const id = getApp().currentRunId;
    if (id) watchStop(id);
  },
});

export const chooseOptimizer = defineAction<OptimizerType>({
  name: 'chooseOptimizer',
  labelKey: 'training.optimizer',
  enabled: (s) => editable(s, 'optimizer'),
  perform(type) {
    setApp({ optimizer: defaultOptimizer(type) });
  },
});

export const setOptimizerParam = defineAction<{ key: string; value: number }>({
  name: 'setOptimizerParam',
  labelKey: 'training.optimizer',
  enabled: (s) => editable(s, 'optimizer'),
  perform({ key, value }) {
    if (isLocked(getApp(), 'optimizer')) return;
    setApp((s) => ({ optimizer: { ...s.optimizer, [key]: value } as OptimizerSpec }));
  },
});

/** The data loss the next run minimises (lossSpec.ts). */
export const chooseLoss = defineAction<LossType>({
  name: 'chooseLoss',
  labelKey: 'training.loss',
  enabled: (s) => editable(s, 'loss'),
  perform(loss) {
    if (!editable(getApp(), 'loss') || !LOSS_TYPES.includes(loss)) return;
    setApp({ loss });
  },
});

/** How the next run's kernels start (initSpec.ts). */
export const chooseInit = defineAction<InitType>({
  name: 'chooseInit',
  labelKey: 'training.init',
  enabled: (s) => editable(s, 'init'),
  perform(init) {
    if (!editable(getApp(), 'init') || !INIT_TYPES.includes(init)) return;
    setApp({ init });
  },
});

export const chooseSchedule = defineAction<ScheduleType>({
  name: 'chooseSchedule',
  labelKey: 'training.schedule',
  enabled: (s) => editable(s, 'schedule'),
  perform(type) {
    setApp((s) => ({ schedule: { ...defaultSchedule(type), warmupEpochs: s.schedule.warmupEpochs } }));
  },
});

export const setScheduleParam = defineAction<{ key: string; value: number }>({
  name: 'setScheduleParam',
  labelKey: 'training.schedule',
  enabled: (s) => editable(s, 'schedule'),
  perform({ key, value }) {
    if (isLocked(getApp(), 'schedule')) return;
    setApp((s) => ({ schedule: { ...s.schedule, [key]: value } as ScheduleSpec }));
  },
});

export const setHyperparameter = defineAction<{ key: 'batchSize' | 'epochs'; value: number }>({
  name: 'setHyperparameter',
  labelKey: 'training.hyperparameters',
  enabled: (s) => !isTraining(s),
  perform({ key, value }) {
    if (isLocked(getApp(), key)) return;
    setApp({ [key]: value } as Pick<AppState, 'batchSize' | 'epochs'>);
  },
});

export const setRegularization = defineAction<{ key: 'l1' | 'l2' | 'earlyStoppingPatience'; value: number }>({
  name: 'setRegularization',
  labelKey: 'training.regularization',
  enabled: (s) => !isTraining(s),
  perform({ key, value }) {
    if (isLocked(getApp(), key)) return;
    setApp({ [key]: value } as Pick<AppState, 'l1' | 'l2' | 'earlyStoppingPatience'>);
  },
});

export const setRestoreBestWeights = defineAction<boolean>({
  name: 'setRestoreBestWeights',
  labelKey: 'training.restoreBest',
  enabled: (s) => editable(s, 'restoreBestWeights'),
  perform(value) {
    if (isLocked(getApp(), 'restoreBestWeights')) return;
    setApp({ restoreBestWeights: value });
  },
});

/** Rprop and SCG want the same function at every step: one click sets a large batch. */
export const useLargeBatch = defineAction({
  name: 'useLargeBatch',
  labelKey: 'training.useLargeBatch',
  enabled: (s) => {
    const size = suggestedBatchSize(s.optimizer.type, s.subsets.train);
    return editable(s, 'batchSize') && size !== null && s.batchSize !== size;
  },
  visible: (s) => suggestedBatchSize(s.optimizer.type, s.subsets.train) !== null,
  perform() {
    const s = getApp();
    const size = suggestedBatchSize(s.optimizer.type, s.subsets.train);
    if (size !== null && editable(s, 'batchSize')) setApp({ batchSize: size });
  },
});
