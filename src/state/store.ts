import { create } from 'zustand';
import type { DatasetId } from '../engine/data/catalog';
import type { Availability } from '../engine/data/fetch';
import type { SubsetSizes } from '../engine/data/subsets';
import type { BackendInfo } from '../engine/backend';
import type { LoadedDataset, SubsetPreview } from '../engine/session';
import type { LayerSpec } from '../engine/spec/layers';
import type { IssueText } from '../engine/spec/messages';
import type { OptimizerSpec } from '../engine/train/optimizerSpec';
import type { ScheduleSpec } from '../engine/train/schedule';
import { DEFAULT_TRAINING } from '../engine/train/config';
import type { BatchMetrics, EpochMetrics, Progress, TestResult } from '../engine/train/events';

// All UI state in one place. Components read it; only actions (src/actions) change it.

export interface EditableLayer {
  /** Stable key for React while layers move; not part of the shared spec. */
  key: string;
  spec: LayerSpec;
}

export type RunStatus = 'idle' | 'starting' | 'running' | 'pausing' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface RunState {
  status: RunStatus;
  backend: string | null;
  params: number;
  progress: Progress | null;
  batches: BatchMetrics[];
  epochs: EpochMetrics[];
  test: TestResult | null;
  testImages: Uint8Array | null;
  error: string | null;
  tensors: { before: number; after: number } | null;
}

export const IDLE_RUN: RunState = {
  status: 'idle',
  backend: null,
  params: 0,
  progress: null,
  batches: [],
  epochs: [],
  test: null,
  testImages: null,
  error: null,
  tensors: null,
};

export interface AppState {
  engineError: string | null;
  backend: BackendInfo | null;
  availability: Partial<Record<DatasetId, Availability>>;
  datasetId: DatasetId;
  dataset: LoadedDataset | null;
  datasetLoading: boolean;
  datasetError: string | null;
  subsets: SubsetSizes;
  preview: SubsetPreview | null;
  layers: EditableLayer[];
  presetId: string | null;
  importError: IssueText | null;
  optimizer: OptimizerSpec;
  schedule: ScheduleSpec;
  batchSize: number;
  epochs: number;
  seed: number;
  run: RunState;
}

export const useApp = create<AppState>()(() => ({
  engineError: null,
  backend: null,
  availability: {},
  datasetId: 'mnist',
  dataset: null,
  datasetLoading: false,
  datasetError: null,
  subsets: DEFAULT_TRAINING.subsets,
  preview: null,
  layers: [],
  presetId: null,
  importError: null,
  optimizer: DEFAULT_TRAINING.optimizer,
  schedule: DEFAULT_TRAINING.schedule,
  batchSize: DEFAULT_TRAINING.batchSize,
  epochs: DEFAULT_TRAINING.epochs,
  seed: DEFAULT_TRAINING.seed,
  run: IDLE_RUN,
}));

export const setApp = useApp.setState;
export const getApp = useApp.getState;

export function updateRun(patch: Partial<RunState> | ((run: RunState) => Partial<RunState>)): void {
  setApp((s) => ({ run: { ...s.run, ...(typeof patch === 'function' ? patch(s.run) : patch) } }));
}

let nextKey = 0;
export function editable(spec: LayerSpec): EditableLayer {
  return { key: `layer${nextKey++}`, spec };
}

export const isTraining = (s: AppState): boolean =>
  ['starting', 'running', 'pausing', 'paused', 'stopping'].includes(s.run.status);
