import { startEngine, type Engine, type EngineWorker } from '../worker/client';

// One engine (one worker) at a time; created on first use so tests of pure modules never start it. A worker
// that dies or hangs is replaced by a new one (src/actions/engineActions.ts decides when); every call
// made to the old one then fails with EngineGoneError instead of waiting for ever.

export class EngineGoneError extends Error {
  constructor(readonly reason: string) {
    super(`the training engine stopped: ${reason}`);
    this.name = 'EngineGoneError';
  }
}

interface Current {
  handle: EngineWorker;
  /** Rejects when this worker is given up on; every call races against it. */
  gone: Promise<never>;
  giveUp: (reason: string) => void;
}

let current: Current | null = null;
const deathListeners: ((reason: string) => void)[] = [];

function start(): Current {
  const handle = startEngine();
  let giveUp: (reason: string) => void = () => {};
  const gone = new Promise<never>((_, reject) => (giveUp = (reason) => reject(new EngineGoneError(reason))));
  gone.catch(() => {}); // nobody may be waiting on it
  const c: Current = { handle, gone, giveUp };
  handle.onFatal((reason) => {
    if (current !== c) return;
    c.giveUp(reason);
    for (const l of deathListeners) l(reason);
  });
  return c;
}

function ensure(): Current {
  current ??= start();
  return current;
}

/**
 * The engine's methods, each call bound to the worker running when it is made: when that worker is
 * replaced, the call rejects with EngineGoneError.
 */
const engine = new Proxy({} as Engine, {
  get(_, method: string | symbol) {
    if (typeof method !== 'string' || method === 'then') return undefined;
    return (...args: unknown[]) => {
      const c = ensure();
      const call = (c.handle.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args);
      return Promise.race([call, c.gone]);
    };
  },
});

export function getEngine(): Engine {
  return engine;
}

/** Ends the current worker (every call waiting on it fails with `reason`) and starts a fresh one. */
export function replaceEngine(reason: string): void {
  const old = current;
  current = start();
  if (old) {
    old.giveUp(reason);
    old.handle.terminate();
  }
}

/** Called when a worker dies by itself (uncaught error); not when replaceEngine ends one. */
export function onEngineDeath(listener: (reason: string) => void): void {
  deathListeners.push(listener);
}

/** The current worker, for fault injection in tests (?debug). */
export function currentWorker(): Worker | null {
  return current?.handle.worker ?? null;
}
