import type { DatasetId } from '../engine/data/catalog';
import type { ModelSpec } from '../engine/spec/layers';
import type { IssueText } from '../engine/spec/messages';
import type { TrainingConfig } from '../engine/train/config';
import type { RunState } from './store';

// A run of a comparison: what was trained (model, data, the whole training config) and what came out.

export interface Run extends RunState {
  id: string;
  name: string;
  colour: string;
  hidden: boolean;
  createdAt: number;
  datasetId: DatasetId;
  spec: ModelSpec;
  /** Passed to the engine whole, so fields other panels add to the config travel with the run. */
  config: TrainingConfig;
  /** The run whose kept model this one started from; null for fresh weights. */
  startFrom?: string | null;
  /** [steps done, training ms] at each metrics read: maps steps to wall time for the charts. */
  timeMarks: [number, number][];
}

/** Statuses during which the engine is busy with the run. */
export const ACTIVE_STATUSES: readonly string[] = ['starting', 'running', 'pausing', 'paused', 'stopping'];
/** Statuses after which the run no longer changes. */
export const FINISHED_STATUSES: readonly string[] = ['done', 'stopped', 'failed', 'diverged'];

// Tableau 10: distinct on white and for the common colour-vision deficiencies.
export const RUN_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The first palette colour no run uses yet; cycles once all are taken. */
export function nextColour(runs: readonly Pick<Run, 'colour'>[]): string {
  const used = new Set(runs.map((r) => r.colour));
  return RUN_COLOURS.find((c) => !used.has(c)) ?? RUN_COLOURS[runs.length % RUN_COLOURS.length];
}

export function newRunId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Batches per epoch as the trainer counts them. */
export function batchesPerEpoch(run: { config: Pick<TrainingConfig, 'batchSize' | 'subsets'>; progress: { batchesPerEpoch: number } | null }): number {
  return run.progress?.batchesPerEpoch ?? Math.max(1, Math.ceil(run.config.subsets.train / run.config.batchSize));
}

/**
 * A saved run that could not be read back (`name` is its key when even the name is unreadable), with what
 * is wrong as message codes; or storage that failed, in the browser's own words.
 */
export type RunsNotice = { kind: 'unreadable'; name: string; problem: IssueText } | { kind: 'storage'; name: string; problem: string };
