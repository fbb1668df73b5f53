import type { EvaluationSplit } from '../engine/models/types';
import { getEngine } from '../state/engine';
import { FINISHED_STATUSES } from '../state/runs';
import { getApp, isTraining, setApp, type AppState, type ResultsState } from '../state/store';
import { download } from '../state/download';
import { defineAction } from './types';
import i18n from '../i18n';
import { newRunId, type Run } from '../state/runs';
import { withRuns } from '../state/store';
import { addRun, runFromEditor } from './runQueue';
import { loadDatasetInEngine } from './ownDatasetActions';

// Kept models: evaluating one, predicting with it, downloading it, and keeping the list of what is stored.

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function updateResults(patch: Partial<ResultsState>): void {
  setApp((s) => ({ results: { ...s.results, ...patch } }));
}

/** A run whose model the engine keeps: finished, stopped or diverged with at least one step trained. */
export function hasKeptModel(s: AppState, runId: string | null): boolean {
  const run = s.runs.find((r) => r.id === runId);
  return !!run && FINISHED_STATUSES.includes(run.status) && run.status !== 'failed' && s.results.models.some((m) => m.runId === runId);
}

export async function refreshKeptModels(): Promise<void> {
  try {
    updateResults({ models: await getEngine().keptModels() });
  } catch {
    // Storage unreadable (private window): the list stays as it was.
  }
}

export const evaluateRun = defineAction<{ runId: string; split: EvaluationSplit }>({
  name: 'evaluateRun',
  labelKey: 'keptModels.evaluate',
  enabled: (s) => !isTraining(s) && !s.results.evaluating && hasKeptModel(s, s.currentRunId),
  async perform({ runId, split }) {
    const run = getApp().runs.find((r) => r.id === runId);
    if (!run) return;
    updateResults({ evaluating: true, error: null });
    try {
      await loadDatasetInEngine(run.datasetId);
      const evaluation = await getEngine().evaluateModel(runId, run.datasetId, split, run.config.subsets, run.config.seed);
      updateResults({ evaluation, evaluating: false });
    } catch (e) {
      updateResults({ evaluating: false, error: message(e) });
    } finally {
      void refreshKeptModels();
    }
  },
});

/** The images behind a set of test indices of the current evaluation's dataset. */
export async function testImages(testIndices: Int32Array): Promise<Uint8Array> {
  const s = getApp();
  const run = s.runs.find((r) => r.id === s.results.evaluation?.runId) ?? s.runs.find((r) => r.id === s.currentRunId);
  if (!run) return new Uint8Array(0);
  return getEngine().testImagesAt(run.datasetId, testIndices);
}

/** Class probabilities from the current run's kept model. */
export function predictWithCurrent(pixels: Float32Array): Promise<Float32Array> {
  const id = getApp().currentRunId;
  // The latest drawing or upload, so the views inside the network can show what the model does with it.
  setApp((s) => ({ inside: { ...s.inside, ownInput: pixels.slice() } }));
  if (!id) return Promise.reject(new Error('no run is selected'));
  return getEngine().predict(id, pixels, 1);
}

/**
 * model.json and its weights file (the one its manifest names, or the only other file) become a run
 * with a kept model, on the current dataset. Every problem is said, and nothing else changes.
 */
export const importTrainedModel = defineAction<File[]>({
  name: 'importTrainedModel',
  labelKey: 'keptModels.import',
  enabled: (s) => !isTraining(s) && !!s.dataset && s.backend !== null,
  async perform(files) {
    const t = i18n.t.bind(i18n);
    const s = getApp();
    const jsonFile = files.find((f) => f.name.endsWith('.json'));
    if (!jsonFile) return updateResults({ importProblem: t('keptModels.importNeedsJson') });
    const modelJson = await jsonFile.text();
    let named: string | null = null;
    try {
      named = (JSON.parse(modelJson).weightsManifest?.[0]?.paths?.[0] as string | undefined)?.split('/').pop() ?? null;
    } catch {
      // Not JSON: the engine says so.
    }
    const others = files.filter((f) => f !== jsonFile);
    const weightsFile = others.find((f) => f.name === named) ?? (others.length === 1 ? others[0] : undefined);
    if (!weightsFile) return updateResults({ importProblem: t('keptModels.importNeedsWeights', { name: named ?? 'weights.bin' }) });
    const id = newRunId();
    try {
      const { spec, params } = await getEngine().importModel(id, s.datasetId, modelJson, await weightsFile.arrayBuffer());
      const run: Run = {
        ...runFromEditor(s),
        id,
        name: t('keptModels.importedName', { file: jsonFile.name }),
        status: 'done',
        spec,
        params,
        weightsFrom: { epoch: null, source: 'imported' },
      };
      addRun(run);
      setApp((a) => withRuns(a.runs, id));
      updateResults({ importProblem: null });
      await refreshKeptModels();
    } catch (e) {
      updateResults({ importProblem: t('keptModels.importFailed', { message: message(e) }) });
    }
  },
});

export const exportTrainedModel = defineAction<string>({
  name: 'exportTrainedModel',
  labelKey: 'keptModels.exportModel',
  enabled: (s) => hasKeptModel(s, s.currentRunId),
  async perform(runId) {
    try {
      const { modelJson, weights, weightsFile } = await getEngine().exportModel(runId);
      // The two names model.json refers to: saved side by side, tf.loadLayersModel finds the weights.
      download('model.json', new Blob([modelJson], { type: 'application/json' }));
      download(weightsFile, new Blob([weights], { type: 'application/octet-stream' }));
    } catch (e) {
      updateResults({ error: message(e) });
    }
  },
});
