import { startEngine, type Engine } from '../worker/client';

// One engine (one worker) for the page's lifetime; created on first use so tests of pure modules never start it.
let engine: Engine | null = null;

export function getEngine(): Engine {
  engine ??= startEngine();
  return engine;
}
