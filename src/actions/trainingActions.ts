import { analyzeModel } from '../engine/spec/analyze';
import { defaultSchedule, type ScheduleSpec, type ScheduleType } from '../engine/train/schedule';
import { defaultOptimizer, type OptimizerSpec, type OptimizerType } from '../engine/train/optimizerSpec';
import type { TrainEvent } from '../engine/train/events';
import { trainingConfigSchema } from '../engine/train/config';
import { getEngine } from '../state/engine';
import { currentConfig, currentSpec } from '../state/spec';
import { IDLE_RUN, getApp, isTraining, setApp, updateRun, type AppState } from '../state/store';
import { eventSink } from '../worker/client';
import { defineAction } from './types';

export function canStart(s: AppState): boolean {
  if (isTraining(s) || !s.dataset || s.datasetLoading) return false;
  if (!trainingConfigSchema.safeParse(currentConfig(s)).success) return false;
  return analyzeModel(currentSpec(s), s.dataset.classNames.length).ok;
}

function onEvent(e: TrainEvent): void {
  switch (e.kind) {
    case 'start':
      updateRun({ status: 'running', backend: e.backend, params: e.params });
      break;
    case 'batches':
      updateRun((r) => ({ batches: r.batches.concat(e.items), progress: e.progress }));
      break;
    case 'epoch':
      updateRun((r) => ({ epochs: [...r.epochs, e.metrics] }));
      break;
    case 'paused':
      updateRun({ status: 'paused' });
      break;
    case 'resumed':
      updateRun({ status: 'running' });
      break;
    case 'done':
      updateRun({ status: e.stopped ? 'stopped' : 'done', test: e.test, progress: e.progress });
      break;
  }
}

export const startTraining = defineAction({
  name: 'startTraining',
  labelKey: 'training.start',
  shortcut: { key: 'Enter', mod: true, label: 'Ctrl+Enter' },
  enabled: canStart,
  visible: (s) => !isTraining(s),
  async perform() {
    const s = getApp();
    if (!canStart(s)) return;
    updateRun({ ...IDLE_RUN, status: 'starting' });
    const engine = getEngine();
    try {
      const memory = await engine.train(s.datasetId, currentSpec(s), currentConfig(s), eventSink(onEvent));
      updateRun({ tensors: { before: memory.tensorsBefore, after: memory.tensorsAfter } });
      const test = getApp().run.test;
      if (test) {
        const images = await engine.testImages(s.datasetId, s.subsets, s.seed, test.samples.map((x) => x.index));
        updateRun({ testImages: images });
      }
    } catch (e) {
      updateRun({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  },
});

export const pauseTraining = defineAction({
  name: 'pauseTraining',
  labelKey: 'training.pause',
  shortcut: { key: 'p', label: 'P' },
  enabled: (s) => s.run.status === 'running',
  visible: (s) => s.run.status !== 'paused',
  perform() {
    updateRun({ status: 'pausing' });
    void getEngine().pause();
  },
});

export const resumeTraining = defineAction({
  name: 'resumeTraining',
  labelKey: 'training.resume',
  shortcut: { key: 'p', label: 'P' },
  enabled: (s) => s.run.status === 'paused',
  visible: (s) => s.run.status === 'paused',
  perform() {
    void getEngine().resume();
  },
});

export const stopTraining = defineAction({
  name: 'stopTraining',
  labelKey: 'training.stop',
  shortcut: { key: 'Escape', label: 'Esc' },
  enabled: (s) => ['running', 'paused', 'pausing', 'starting'].includes(s.run.status),
  perform() {
    updateRun({ status: 'stopping' });
    void getEngine().stop();
  },
});

export const chooseOptimizer = defineAction<OptimizerType>({
  name: 'chooseOptimizer',
  labelKey: 'training.optimizer',
  enabled: (s) => !isTraining(s),
  perform(type) {
    setApp({ optimizer: defaultOptimizer(type) });
  },
});

export const setOptimizerParam = defineAction<{ key: string; value: number }>({
  name: 'setOptimizerParam',
  labelKey: 'training.optimizer',
  enabled: (s) => !isTraining(s),
  perform({ key, value }) {
    setApp((s) => ({ optimizer: { ...s.optimizer, [key]: value } as OptimizerSpec }));
  },
});

export const chooseSchedule = defineAction<ScheduleType>({
  name: 'chooseSchedule',
  labelKey: 'training.schedule',
  enabled: (s) => !isTraining(s),
  perform(type) {
    setApp((s) => ({ schedule: { ...defaultSchedule(type), warmupEpochs: s.schedule.warmupEpochs } }));
  },
});

export const setScheduleParam = defineAction<{ key: string; value: number }>({
  name: 'setScheduleParam',
  labelKey: 'training.schedule',
  enabled: (s) => !isTraining(s),
  perform({ key, value }) {
    setApp((s) => ({ schedule: { ...s.schedule, [key]: value } as ScheduleSpec }));
  },
});

export const setHyperparameter = defineAction<{ key: 'batchSize' | 'epochs'; value: number }>({
  name: 'setHyperparameter',
  labelKey: 'training.hyperparameters',
  enabled: (s) => !isTraining(s),
  perform({ key, value }) {
    setApp({ [key]: value } as Pick<AppState, 'batchSize' | 'epochs'>);
  },
});
