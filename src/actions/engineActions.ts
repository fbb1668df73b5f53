import i18n from '../i18n';
import type { BackendName } from '../engine/backend';
import { engineErrorDetail, engineErrorKind } from '../engine/engineErrors';
import { EngineGoneError, getEngine, onEngineDeath, replaceEngine } from '../state/engine';
import { getApp, isTraining, setApp, type EngineNotice } from '../state/store';
import { refreshPreview } from './datasetActions';
import { getPaths } from '../state/paths';
import { defineAction } from './types';
import { loadDatasetInEngine } from './ownDatasetActions';

// Keeping the training engine alive: a worker that died, hung on Stop, lost its GPU context or ran out of
// memory is replaced by a fresh one, which gets the same backend and dataset back. Runs, settings and the
// figures of the interrupted run all live on the main thread, so nothing the user made is lost.

/** How long Stop may take before the worker is replaced: one long step must not hold the page hostage. */
export const STOP_GRACE_MS = 2000;
/** An idle engine answers a ping at once; this long without an answer means it is gone. */
const PING_EVERY_MS = 3000;
const PING_TIMEOUT_MS = 10000;

/** While the engine works on something long it may not answer pings, and that is fine. */
function engineBusy(): boolean {
  const s = getApp();
  return isTraining(s) || s.datasetLoading || s.calibration.status === 'running' || getPaths().status === 'computing';
}

let recovering: Promise<void> | null = null;

/** Replaces the worker and brings the new one to where the old one was. */
export function recoverEngine(kind: EngineNotice['kind'], detail: string | null = null): Promise<void> {
  setApp({ engineNotice: { kind, detail } });
  recovering ??= (async () => {
    const s = getApp();
    replaceEngine(kind);
    // No backend until the new worker has one: Train, calibration and paths wait for it.
    setApp({ backend: null });
    const engine = getEngine();
    const pinned = new URLSearchParams(location.search).get('backend') as BackendName | null;
    // The same backend again (a fresh worker has a fresh WebGL context), then whatever starts.
    const previous = (s.backend?.name ?? pinned) as BackendName | null;
    try {
      const backend = await engine.init(previous ? [previous, 'wasm', 'cpu'] : undefined);
      // The dataset first: Train comes back (with the backend) only once the new worker can train.
      if (s.dataset) await loadDatasetInEngine(s.datasetId);
      setApp({ backend, engineError: null });
      await refreshPreview();
    } catch (e) {
      setApp({ engineError: e instanceof Error ? e.message : String(e) });
    }
  })().finally(() => {
    recovering = null;
  });
  return recovering;
}

export const isRecovering = (): boolean => recovering !== null;

/** A failed run's message in the UI's language. */
export function describeEngineFailure(e: unknown): string {
  const t = i18n.t.bind(i18n);
  if (e instanceof EngineGoneError) return t('engine.gone', { reason: e.reason });
  const error = e instanceof Error ? e : new Error(String(e));
  switch (engineErrorKind(error)) {
    case 'contextLost':
      return t('engine.contextLost');
    case 'outOfMemory':
      return t('engine.outOfMemory', { detail: engineErrorDetail(error, 'outOfMemory') ?? error.message });
    default:
      return error.message;
  }
}

/** After Stop: if the run has not stopped within the grace time, the worker is replaced. */
export function watchStop(runId: string): void {
  setTimeout(() => {
    const run = getApp().runs.find((r) => r.id === runId);
    if (run?.status === 'stopping') void recoverEngine('stuck');
  }, STOP_GRACE_MS);
}

let watching = false;

/**
 * Notices a worker that died: by its error event, and, while no run is training (a long training step
 * may keep a healthy worker from answering), by pings that go unanswered.
 */
export function watchEngine(): void {
  if (watching) return;
  watching = true;
  onEngineDeath((reason) => void recoverEngine('crashed', reason));
  setInterval(() => {
    if (recovering || engineBusy() || !getApp().backend) return;
    let answered = false;
    getEngine()
      .ping()
      .then(() => (answered = true))
      .catch(() => {});
    setTimeout(() => {
      if (!answered && !recovering && !engineBusy()) void recoverEngine('unresponsive');
    }, PING_TIMEOUT_MS);
  }, PING_EVERY_MS);
}

export const dismissEngineNotice = defineAction({
  name: 'dismissEngineNotice',
  labelKey: 'engine.dismiss',
  enabled: (s) => s.engineNotice !== null,
  perform() {
    setApp({ engineNotice: null });
  },
});
