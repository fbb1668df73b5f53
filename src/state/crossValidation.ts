import type { DatasetId } from '../engine/data/catalog';
import { meanStd, type Spread } from '../engine/metrics/spread';
import type { Run } from './runs';

// The data lab's groups of runs, read off the runs themselves: runs whose dataset, model and config agree
// except for the fold index (cross-validation) or the bootstrap member (bagging) belong together. Nothing
// extra is stored, so saved runs regroup after a reload.

/** The name a group's runs share: the part before the last " · " (which says the fold or member). */
export function groupName(runName: string): string {
  const cut = runName.lastIndexOf(' · ');
  return cut > 0 ? runName.slice(0, cut) : runName;
}

export interface FoldFigures {
  runId: string;
  index: number;
  status: Run['status'];
  /** The last epoch's validation figures, i.e. of the model the fold ends with; null until it has one. */
  valAccuracy: number | null;
  valLoss: number | null;
}

export interface CrossValidation {
  key: string;
  name: string;
  colour: string;
  datasetId: DatasetId;
  k: number;
  folds: FoldFigures[];
  /** Over the folds that finished with validation figures; null when none has. */
  accuracy: Spread | null;
  loss: Spread | null;
  /** Every one of the k folds finished. */
  complete: boolean;
}

const keyOf = (run: Run, config: object) => JSON.stringify([run.datasetId, run.spec, config]);

function lastValidation(run: Run): { valAccuracy: number | null; valLoss: number | null } {
  const last = [...run.epochs].reverse().find((e) => e.valAccuracy !== null && e.valLoss !== null);
  return { valAccuracy: last?.valAccuracy ?? null, valLoss: last?.valLoss ?? null };
}

/** Groups runs into cross-validations, first-queued first; each group's folds in fold order. */
export function crossValidations(runs: readonly Run[]): CrossValidation[] {
  const groups = new Map<string, { first: Run; k: number; runs: Run[] }>();
  for (const run of runs) {
    const fold = run.config.fold;
    if (!fold) continue;
    const key = keyOf(run, { ...run.config, fold: { k: fold.k } });
    const g = groups.get(key) ?? { first: run, k: fold.k, runs: [] };
    g.runs.push(run);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => {
    const folds = g.runs
      .map((r) => ({ runId: r.id, index: r.config.fold!.index, status: r.status, ...lastValidation(r) }))
      .sort((a, b) => a.index - b.index);
    const finished = folds.filter((f) => f.status === 'done' && f.valAccuracy !== null);
    const complete = finished.length === g.k && new Set(finished.map((f) => f.index)).size === g.k;
    return {
      key,
      name: groupName(g.first.name),
      colour: g.first.colour,
      datasetId: g.first.datasetId,
      k: g.k,
      folds,
      accuracy: finished.length ? meanStd(finished.map((f) => f.valAccuracy!)) : null,
      loss: finished.length ? meanStd(finished.map((f) => f.valLoss!)) : null,
      complete,
    };
  });
}

export interface BaggingMember {
  runId: string;
  member: number;
  status: Run['status'];
  testAccuracy: number | null;
}

export interface BaggingGroup {
  key: string;
  name: string;
  datasetId: DatasetId;
  config: Run['config'];
  members: BaggingMember[];
}

/** Groups runs into bagging ensembles, first-queued first; each group's members in member order. */
export function baggingGroups(runs: readonly Run[]): BaggingGroup[] {
  const groups = new Map<string, { first: Run; runs: Run[] }>();
  for (const run of runs) {
    if (!run.config.bootstrap) continue;
    const key = keyOf(run, { ...run.config, bootstrap: true });
    const g = groups.get(key) ?? { first: run, runs: [] };
    g.runs.push(run);
    groups.set(key, g);
  }
  return [...groups.entries()].map(([key, g]) => ({
    key,
    name: groupName(g.first.name),
    datasetId: g.first.datasetId,
    config: g.first.config,
    members: g.runs
      .map((r) => ({ runId: r.id, member: r.config.bootstrap!.member, status: r.status, testAccuracy: r.test?.accuracy ?? null }))
      .sort((a, b) => a.member - b.member),
  }));
}
