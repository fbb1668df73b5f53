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
/** Counts replacements: a recovery that a newer one overtook leaves the app alone. */
let attempt = 0;
let replacementsInARow = 0;
/** A worker that cannot start at all must end with its message, not a loop of restarts. */
const MAX_REPLACEMENTS_IN_A_ROW = 3;
/** The backend the app had before the first of a row of replacements (the store has none meanwhile). */
let wantedBackend: BackendName | null = null;

/**
 * Replaces the worker and brings the new one to where the old one was. Called again while a recovery is
 * under way (the new worker died too, or stopped answering), it starts over with another worker.
 */
export function recoverEngine(kind: EngineNotice['kind'], detail: string | null = null): Promise<void> {
  setApp({ engineNotice: { kind, detail } });
  if (recovering && replacementsInARow >= MAX_REPLACEMENTS_IN_A_ROW) {
    setApp({ engineError: i18n.t('engine.gaveUp', { count: MAX_REPLACEMENTS_IN_A_ROW }) });
    return recovering;
  }
  replacementsInARow++;
  const mine = ++attempt;
  const s = getApp();
  const pinned = new URLSearchParams(location.search).get('backend') as BackendName | null;
  // The same backend again (a fresh worker has a fresh WebGL context), then whatever starts.
  if (s.backend) wantedBackend = s.backend.name as BackendName;
  const previous = wantedBackend ?? pinned;
  replaceEngine(kind);
  // No backend until the new worker has one: Train, calibration and paths wait for it.
  setApp({ backend: null });
  const engine = getEngine();
  const current = (async () => {
    try {
      const backend = await engine.init(previous ? [previous, 'wasm', 'cpu'] : undefined);
      // The dataset first: Train comes back (with the backend) only once the new worker can train.
      if (s.dataset) await loadDatasetInEngine(s.datasetId);
      if (mine !== attempt) return;
      replacementsInARow = 0;
      setApp({ backend, engineError: null });
    } catch (e) {
      if (mine === attempt) setApp({ engineError: e instanceof Error ? e.message : String(e) });
    }
  })().finally(() => {
    if (mine === attempt) recovering = null;
  });
  recovering = current;
  // The preview is redrawn after the recovery has ended, not as part of it, so that a worker dying while
  // it draws is noticed by the pings like any idle worker's death.
  return current.then(() => (mine === attempt && getApp().backend ? refreshPreview() : undefined));
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
    // Before the first worker has a backend its own start says what went wrong; a replacement being
    // brought back is pinged too, since one that dies silently would leave the recovery waiting for ever.
    if (engineBusy() || (!getApp().backend && !recovering)) return;
    const pinged = attempt;
    let answered = false;
    getEngine()
      .ping()
      .then(() => (answered = true))
      .catch(() => {});
    setTimeout(() => {
      // A ping to a worker replaced since then says nothing about the current one.
      if (!answered && pinged === attempt && !engineBusy()) void recoverEngine('unresponsive');
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
