import * as Comlink from 'comlink';
import {
  calibrationKey,
  loadCalibration,
  saveCalibration,
  type CalibrationProgress,
  type CalibrationResult,
  type MachineParts,
} from '../engine/calibrationRecord';
import type { BackendName } from '../engine/backend';
import { settingsReady } from './trainingActions';
import { getEngine } from '../state/engine';
import { currentSpec } from '../state/spec';
import { getApp, isTraining, setApp, type AppState, type CalibrationState } from '../state/store';
import { defineAction } from './types';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function updateCalibration(patch: Partial<CalibrationState>): void {
  setApp((s) => ({ calibration: { ...s.calibration, ...patch } }));
}

/** The GPU as the browser names it; null without WebGL. Part of what makes timings belong to this machine. */
function webglRenderer(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

let machine: MachineParts | null = null;
function machineParts(): MachineParts {
  machine ??= { cores: navigator.hardwareConcurrency ?? 0, renderer: webglRenderer(), userAgent: navigator.userAgent };
  return machine;
}

function storageKey(s: AppState): string {
  return calibrationKey(machineParts(), currentSpec(s));
}

/** A backend named in the address (?backend=wasm) wins over calibration: it is how a user or a test pins one. */
export function backendFromUrl(): string | null {
  return new URLSearchParams(location.search).get('backend');
}

function remember(s: AppState, result: CalibrationResult, override: string | null): void {
  try {
    saveCalibration(localStorage, storageKey(s), { result, override });
  } catch {
    // Storage full or disabled: the result still applies to this visit.
  }
}

async function switchTo(name: string): Promise<void> {
  const backend = await getEngine().useBackend(name as BackendName);
  setApp({ backend });
}

export function canCalibrate(s: AppState): boolean {
  // No backend means no engine to ask yet (the first start, or a replaced worker being brought back).
  if (isTraining(s) || !s.backend || !s.dataset || s.datasetLoading || s.calibration.status === 'running') return false;
  return settingsReady(s);
}

async function measure(): Promise<void> {
  const s = getApp();
  if (!canCalibrate(s) || !s.dataset) return;
  updateCalibration({ status: 'running', progress: null, error: null });
  const engine = getEngine();
  try {
    const available = await engine.availableBackends();
    updateCalibration({ available });
    const onProgress = Comlink.proxy((progress: CalibrationProgress) => updateCalibration({ progress }));
    const { result, backend } = await engine.calibrate(s.datasetId, currentSpec(s), { batchSize: s.batchSize, optimizer: s.optimizer, backends: available }, onProgress);
    const override = getApp().calibration.override;
    if (override && override !== backend.name && result.timings.some((t) => t.backend === override && t.error === null)) await switchTo(override);
    else setApp({ backend });
    updateCalibration({ status: 'done', progress: null, result, remembered: false });
    // Cut short by a run that started meanwhile: measured again at the next visit.
    if (!result.skipped) remember(s, result, override);
  } catch (e) {
    updateCalibration({ status: 'failed', progress: null, error: message(e) });
  }
}

/**
 * At start, once the dataset and model are ready: applies the remembered calibration for this machine and
 * model, or measures one. Does nothing when the address pins a backend.
 */
export const autoCalibrate = defineAction({
  name: 'autoCalibrate',
  labelKey: 'backend.calibrate',
  enabled: (s) => canCalibrate(s) && s.calibration.status === 'idle' && s.calibration.result === null,
  async perform() {
    const s = getApp();
    if (!autoCalibrate.enabled!(s)) return;
    if (backendFromUrl()) {
      try {
        updateCalibration({ available: await getEngine().availableBackends() });
      } catch {
        // The worker was replaced meanwhile: the list is asked again once the new one has a backend.
      }
      return;
    }
    let stored = null;
    try {
      stored = loadCalibration(localStorage, storageKey(s));
    } catch {
      stored = null;
    }
    const pick = stored ? (stored.override ?? stored.result.best) : null;
    if (!stored || !pick) return measure();
    try {
      const available = await getEngine().availableBackends();
      if (!available.includes(pick)) return await measure();
      await switchTo(pick);
      updateCalibration({ status: 'done', result: stored.result, override: stored.override, remembered: true, available });
    } catch (e) {
      updateCalibration({ status: 'failed', error: message(e) });
    }
  },
});

export const calibrateBackends = defineAction({
  name: 'calibrateBackends',
  labelKey: 'backend.calibrateAgain',
  enabled: canCalibrate,
  perform: measure,
});

/** Trains on `name` from now on; null goes back to the fastest measured. Remembered with the calibration. */
export const chooseBackend = defineAction<string | null>({
  name: 'chooseBackend',
  labelKey: 'backend.choose',
  enabled: (s) => !isTraining(s) && s.calibration.status !== 'running',
  async perform(name) {
    const s = getApp();
    const target = name ?? s.calibration.result?.best ?? null;
    if (!target) return;
    try {
      await switchTo(target);
      updateCalibration({ override: name, error: null });
      if (s.calibration.result) remember(s, s.calibration.result, name);
    } catch (e) {
      updateCalibration({ error: message(e) });
    }
  },
});
