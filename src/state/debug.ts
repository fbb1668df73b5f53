import { currentWorker, getEngine } from './engine';
import { getPaths } from './paths';
import { getApp } from './store';

// Fault injection for the recovery tests, installed only with ?debug in the address: a worker that dies
// the way a crashed or out-of-memory worker does, and a GPU context that is lost as in a driver reset.

export interface DebugHooks {
  /** The worker closes itself: no error, no answer, as when the browser kills it. */
  killEngine(): void;
  /** The worker closes itself when the next call reaches it, leaving that call unanswered. */
  killEngineAtNextCall(): void;
  /** An uncaught error in the worker. */
  crashEngine(): void;
  /** Loses the engine's WebGL context; false when it is not on WebGL. */
  loseGpuContext(): Promise<boolean>;
  /** A few store fields, for a test to see what the app thinks. */
  state(): Record<string, unknown>;
  /** The current evaluation's first `n` rows: test index, label and predicted class. */
  evaluated(n: number): { testIndex: number; label: number; predicted: number }[];
}

export function installDebugHooks(): void {
  if (typeof location === 'undefined' || !new URLSearchParams(location.search).has('debug')) return;
  const hooks: DebugHooks = {
    killEngine: () => currentWorker()?.postMessage({ cnnFault: 'close' }),
    killEngineAtNextCall: () => currentWorker()?.postMessage({ cnnFault: 'closeAtNextCall' }),
    crashEngine: () => currentWorker()?.postMessage({ cnnFault: 'throw' }),
    loseGpuContext: () => getEngine().simulateContextLoss(),
    evaluated: (n) => {
      const e = getApp().results.evaluation;
      if (!e) return [];
      const k = e.classNames.length;
      return Array.from({ length: Math.min(n, e.labels.length) }, (_, i) => {
        let best = 0;
        for (let c = 1; c < k; c++) if (e.probabilities[i * k + c] > e.probabilities[i * k + best]) best = c;
        return { testIndex: e.testIndices[i], label: e.labels[i], predicted: best };
      });
    },
    state: () => {
      const s = getApp();
      return { backend: s.backend?.name ?? null, run: s.run.status, queueRunning: s.queueRunning, datasetLoading: s.datasetLoading, calibration: s.calibration.status, paths: getPaths().status, notice: s.engineNotice, error: s.run.error };
    },
  };
  (window as unknown as { cnnDebug: DebugHooks }).cnnDebug = hooks;
}
