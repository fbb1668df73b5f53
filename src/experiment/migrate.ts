import { isPlainObject } from '../engine/spec/lenient';
import type { ExperimentProblem } from './problems';
import { EXPERIMENT_VERSION } from './spec';

// Older experiment shapes are brought up to today's one step at a time: MIGRATIONS[n] turns version n
// into version n + 1. Adding version 2 means writing MIGRATIONS[1] and raising EXPERIMENT_VERSION; every
// saved experiment, file and link made before then keeps opening.

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 0: a model file from the builder's Export JSON ({ name, inputShape, layers }), which predates
  // experiments. Its layers become the experiment's model; everything else takes the defaults.
  0: (old) => ({ version: 1, model: { preset: null, layers: old.layers } }),
};

export interface Migrated {
  value: Record<string, unknown>;
  problems: ExperimentProblem[];
}

/** A model file: layers and an input shape, and nothing of an experiment's own. */
function isModelFile(raw: Record<string, unknown>): boolean {
  return Array.isArray(raw.layers) && 'inputShape' in raw && !('training' in raw) && !('model' in raw);
}

/**
 * Brings `raw` up to `latest` (the migrations and latest version are parameters so a test can add a
 * version). An experiment with no version is read as version 1 (or as a model file when it is one), one
 * from a newer app as the latest this app knows: both say so, and restore.ts then reads what it can.
 */
export function migrate(raw: Record<string, unknown>, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, latest = EXPERIMENT_VERSION): Migrated {
  const problems: ExperimentProblem[] = [];
  let version: number;
  if (raw.version === undefined) {
    if (isModelFile(raw)) {
      version = 0;
      problems.push({ code: 'modelFile' });
    } else {
      version = 1;
      problems.push({ code: 'noVersion', assumed: 1 });
    }
  } else if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    problems.push({ code: 'badVersion', found: JSON.stringify(raw.version) ?? String(raw.version), latest });
    version = latest;
  } else if (raw.version > latest) {
    problems.push({ code: 'futureVersion', found: raw.version, latest });
    version = latest;
  } else {
    version = raw.version;
  }
  let value: Record<string, unknown> = { ...raw, version };
  for (let v = version; v < latest; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`no migration from experiment version ${v} to ${v + 1}`); // a bug here, not bad input
    const next = step(value);
    if (!isPlainObject(next)) throw new Error(`the migration from version ${v} returned no object`);
    value = { ...next, version: v + 1 };
  }
  return { value: { ...value, version: latest }, problems };
}
