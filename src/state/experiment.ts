import { accessOf } from '../experiment/classroom';
import { editorTraining, EXPERIMENT_VERSION, type Experiment } from '../experiment/spec';
import type { PresetId } from '../engine/spec/presets';
import { configToEditor, currentConfig } from './spec';
import { editable, type AppState } from './store';

// The editor's state as an experiment (src/experiment) and back: what is persisted, shared and exported
// is exactly what the editor shows.

export function currentExperiment(s: AppState): Experiment {
  const training = editorTraining(currentConfig(s));
  return {
    version: EXPERIMENT_VERSION,
    dataset: s.datasetId,
    model: { preset: (s.presetId as PresetId | null) ?? null, layers: s.layers.map((l) => l.spec) },
    training,
    views: { pathsOpen: s.pathsOpen, selectedLayer: s.selectedLayer, chartX: s.chartX, logLoss: s.logLoss },
    classroom: s.classroom,
  };
}

/**
 * The store fields an experiment fills. Layers keep their React keys when the model is the same, so an
 * experiment that changes only the optimizer does not rebuild the builder's rows.
 */
export function experimentToEditor(s: AppState, e: Experiment): Partial<AppState> {
  const sameModel = JSON.stringify(s.layers.map((l) => l.spec)) === JSON.stringify(e.model.layers);
  return {
    ...configToEditor(s, e.training),
    datasetId: e.dataset,
    ...(sameModel ? {} : { layers: e.model.layers.map(editable), importError: null }),
    presetId: e.model.preset,
    pathsOpen: e.views.pathsOpen,
    selectedLayer: e.views.selectedLayer,
    chartX: e.views.chartX,
    logLoss: e.views.logLoss,
    classroom: e.classroom,
  };
}

/** How the controls of setting `key` show under the current classroom link. */
export function settingAccess(s: AppState, key: string): 'open' | 'locked' | 'hidden' {
  return accessOf(s.classroom, key);
}

/** A setting a classroom link locked or hid: no action may change it. */
export function isLocked(s: AppState, key: string): boolean {
  return settingAccess(s, key) !== 'open';
}

/** The store fields an experiment is made of, for a shallow-compared selector (a link redrawn only on edits). */
export function experimentFields(s: AppState) {
  return {
    datasetId: s.datasetId, layers: s.layers, presetId: s.presetId, optimizer: s.optimizer, schedule: s.schedule, loss: s.loss, init: s.init,
    batchSize: s.batchSize, epochs: s.epochs, seed: s.seed, subsets: s.subsets, l1: s.l1, l2: s.l2,
    earlyStoppingPatience: s.earlyStoppingPatience, restoreBestWeights: s.restoreBestWeights, augmentation: s.augmentation,
    pathsOpen: s.pathsOpen, selectedLayer: s.selectedLayer, chartX: s.chartX, logLoss: s.logLoss, classroom: s.classroom,
  };
}
