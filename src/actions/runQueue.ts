import i18n from '../i18n';
import type { TrainEvent } from '../engine/train/events';
import { getEngine } from '../state/engine';
import { nextColour, newRunId, type Run } from '../state/runs';
import { deleteSavedRun, saveRun } from '../state/savedRuns';
import { currentConfig, currentSpec } from '../state/spec';
import { IDLE_RUN, getApp, setApp, updateRunById, withRuns, type AppState } from '../state/store';
import { eventSink } from '../worker/client';
import { EngineGoneError } from '../state/engine';
import { advanceStatus } from '../state/runStatus';
import { engineErrorKind } from '../engine/engineErrors';
import { describeEngineFailure, recoverEngine } from './engineActions';
import { runMemory } from '../state/memory';
import { refreshKeptModels } from './resultActions';
import { sayMemoryProblem } from '../i18n/memoryText';
import { activeOps } from '../engine/augment/spec';
import { loadDatasetInEngine } from './ownDatasetActions';
import { DEFAULT_LOSS } from '../engine/train/lossSpec';
import { DEFAULT_INIT } from '../engine/model/initSpec';

// Queued runs train one after another: the engine trains one run at a time, so the queue lives here.

let haltRequested = false;

export const findRun = (id: string): Run | undefined => getApp().runs.find((r) => r.id === id);

/** A name that says what differs between runs, e.g. "Adam η=0.003", made unique with a number. */
export function defaultRunName(s: AppState): string {
  const o = s.optimizer;
  // Runs with augmentation say so, so a comparison with and without reads apart in the legends.
  const augmented = activeOps(s.augmentation).length > 0 ? ` ${i18n.t('augment.nameSuffix')}` : '';
  // So does a loss or an initialisation other than the default: "Adam η=0.003 · hinge · N(0, 0.01) init".
  const loss = s.loss !== DEFAULT_LOSS ? ` · ${i18n.t(`lossFunction.short.${s.loss}`)}` : '';
  const init = s.init !== DEFAULT_INIT ? ` · ${i18n.t('weightInit.nameSuffix', { init: i18n.t(`weightInit.short.${s.init}`) })}` : '';
  const base = `${i18n.t(`optimizer.${o.type}`)}${'learningRate' in o ? ` η=${o.learningRate}` : ''}${loss}${init}${augmented}`;
  const names = new Set(s.runs.map((r) => r.name));
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} #${n}`)) n++;
  return `${base} #${n}`;
}

/** The editor's current settings as a queued run: a snapshot, so later edits do not change it. */
export function runFromEditor(s: AppState): Run {
  return {
    ...IDLE_RUN,
    status: 'queued',
    id: newRunId(),
    name: defaultRunName(s),
    colour: nextColour(s.runs),
    hidden: false,
    createdAt: Date.now(),
    datasetId: s.datasetId,
    spec: currentSpec(s),
    config: currentConfig(s),
    startFrom: s.startFrom,
    timeMarks: [],
  };
}

/** Saving is best effort: a browser without IndexedDB (private windows) still trains. */
export function persist(run: Run | undefined): void {
  if (run) saveRun(run).catch((e) => console.warn('could not save run', e));
}

export function forget(id: string): void {
  deleteSavedRun(id).catch((e) => console.warn('could not delete saved run', e));
  // Its kept model goes with it.
  getEngine()
    .deleteModel(id)
    .then(refreshKeptModels)
    .catch((e) => console.warn('could not delete the kept model', e));
}

/** Fetches the images of a run's test-prediction strip from the engine into the run (none without a test). */
export async function loadTestImages(run: Run): Promise<void> {
  if (!run.test) return;
  const images = await getEngine().testImages(run.datasetId, run.config.subsets, run.config.seed, run.test.samples.map((x) => x.index));
  updateRunById(run.id, { testImages: images });
}

export function addRun(run: Run): void {
  setApp((s) => withRuns([...s.runs, run], s.currentRunId));
  persist(run);
}

function onEvent(id: string, e: TrainEvent): void {
  switch (e.kind) {
    case 'start':
      updateRunById(id, (r) => ({ status: advanceStatus(r.status, 'running'), backend: e.backend, params: e.params, dynamics: e.dynamics ?? null }));
      break;
    case 'snapshot':
      updateRunById(id, (r) => ({ snapshots: [...r.snapshots, e.snapshot] }));
      break;
    case 'batches':
      updateRunById(id, (r) => ({
        batches: r.batches.concat(e.items),
        progress: e.progress,
        timeMarks: [...r.timeMarks, [e.progress.step, e.progress.elapsedMs]],
      }));
      break;
    case 'epoch':
      updateRunById(id, (r) => ({ epochs: [...r.epochs, e.metrics] }));
      break;
    case 'paused':
      updateRunById(id, (r) => ({ status: advanceStatus(r.status, 'paused') }));
      break;
    case 'resumed':
      updateRunById(id, (r) => ({ status: advanceStatus(r.status, 'running') }));
      break;
    case 'done': {
      const status = e.stopped ? 'stopped' : e.divergence ? 'diverged' : 'done';
      updateRunById(id, (r) => ({
        status: advanceStatus(r.status, status),
        test: e.test,
        progress: e.progress,
        earlyStop: e.earlyStop ?? null,
        divergence: e.divergence ?? null,
        weightsFrom: e.weightsFrom ?? null,
      }));
      break;
    }
  }
}

async function trainRun(id: string): Promise<void> {
  setApp((s) => withRuns(s.runs.map((r) => (r.id === id ? { ...r, ...IDLE_RUN, status: 'starting', timeMarks: [] } : r)), id));
  const run = findRun(id)!;
  const engine = getEngine();
  try {
    const dataset = await loadDatasetInEngine(run.datasetId); // restored runs may use a dataset not loaded yet
    const budget = getApp().backend?.budget;
    const needs = budget ? runMemory(run.spec, run.config, dataset.classNames.length, budget) : null;
    if (needs?.problem) {
      updateRunById(id, { status: 'failed', error: sayMemoryProblem(i18n.t.bind(i18n), needs.problem) });
      return;
    }
    if (haltRequested) {
      updateRunById(id, { status: 'stopped' });
      return;
    }
    // Events come over their own channel, so the reply to train() can overtake the last of them ('done',
    // which carries the test result): wait for both.
    let doneSeen = () => {};
    const done = new Promise<void>((resolve) => (doneSeen = resolve));
    const memory = await engine.train(
      run.datasetId,
      run.spec,
      run.config,
      eventSink((e) => {
        onEvent(id, e);
        if (e.kind === 'done') doneSeen();
      }),
      id,
      run.startFrom ?? undefined,
    );
    await done;
    updateRunById(id, { tensors: { before: memory.tensorsBefore, after: memory.tensorsAfter } });
    setApp((s) => ({ results: { ...s.results, unloaded: memory.unloaded } }));
    await refreshKeptModels();
    await loadTestImages(findRun(id)!);
  } catch (e) {
    const stopping = findRun(id)?.status === 'stopping';
    if (e instanceof EngineGoneError && stopping) {
      // Stop did not get through within its grace time, so the worker was replaced: the run is stopped
      // with its figures so far.
      updateRunById(id, { status: 'stopped' });
    } else {
      console.error(`run ${run.name} failed`, e);
      updateRunById(id, (r) => ({ status: advanceStatus(r.status, 'failed'), error: describeEngineFailure(e) }));
      // A lost GPU context or a heap that ran out leaves this worker unusable: start a fresh one.
      const kind = engineErrorKind(e);
      if (kind === 'contextLost' || kind === 'outOfMemory') void recoverEngine(kind, e instanceof Error ? e.message : null);
    }
  } finally {
    persist(findRun(id));
  }
}

/** Trains queued runs in order (`first` before the others) until none is left or the user stops. */
export async function processQueue(first?: string): Promise<void> {
  if (getApp().queueRunning) return;
  haltRequested = false;
  setApp({ queueRunning: true });
  try {
    for (;;) {
      const queued = getApp().runs.filter((r) => r.status === 'queued');
      const next = queued.find((r) => r.id === first) ?? queued[0];
      if (haltRequested || !next) break;
      await trainRun(next.id);
    }
  } finally {
    setApp({ queueRunning: false });
  }
}

/** Stop means stop: the current run ends and the rest of the queue waits for the next Train. */
export function haltQueue(): void {
  haltRequested = true;
}
