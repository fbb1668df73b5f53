import * as Comlink from 'comlink';
import type { EngineSession } from '../engine/session';
import type { TrainEvent } from '../engine/train/events';

export type Engine = Comlink.Remote<EngineSession>;

export function startEngine(): Engine {
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  return Comlink.wrap<EngineSession>(worker);
}

/** Callbacks must be proxied to be called across the worker boundary. */
export function eventSink(handler: (e: TrainEvent) => void): (e: TrainEvent) => void {
  return Comlink.proxy(handler);
}
