import * as Comlink from 'comlink';
import type { EngineSession } from '../engine/session';
import type { TrainEvent } from '../engine/train/events';

export type Engine = Comlink.Remote<EngineSession>;

/** One worker running the engine, and how to tell it died. */
export interface EngineWorker {
  remote: Engine;
  worker: Worker;
  /** Fired once with why the worker can no longer answer (an uncaught error, a failed load). */
  onFatal(listener: (reason: string) => void): void;
  terminate(): void;
}

export function startEngine(): EngineWorker {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const listeners: ((reason: string) => void)[] = [];
  let fatal = false;
  const die = (reason: string) => {
    if (fatal) return;
    fatal = true;
    for (const l of listeners) l(reason);
  };
  // An uncaught error in the worker (a wasm abort, a crash in a kernel) leaves the engine in an unknown state.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    die(e.message || 'the worker failed');
  });
  worker.addEventListener('messageerror', () => die('a message from the worker could not be read'));
  return {
    remote: Comlink.wrap<EngineSession>(worker),
    worker,
    onFatal: (l) => listeners.push(l),
    terminate: () => {
      fatal = true;
      worker.terminate();
    },
  };
}

/** Callbacks must be proxied to be called across the worker boundary. */
export function eventSink(handler: (e: TrainEvent) => void): (e: TrainEvent) => void {
  return Comlink.proxy(handler);
}

/** Any other callback the engine calls back, e.g. a dataset download's byte progress. */
export function callbackSink<T>(handler: (value: T) => void): (value: T) => void {
  return Comlink.proxy(handler);
}
