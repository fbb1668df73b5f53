import { create } from 'zustand';
import { suggestedOptimizer } from '../engine/paths/defaults';
import { SURFACES, type SurfaceId } from '../engine/paths/surfaces';
import type { PathsResult } from '../engine/paths/trace';
import type { OptimizerSpec, OptimizerType } from '../engine/train/optimizerSpec';

// The optimizer-paths lab's own state, apart from the training state in store.ts. Components read
// it; only the actions in src/actions/pathActions.ts change it.

/** One optimizer in the comparison, with the colour it keeps while others come and go. */
export interface PathRow {
  key: string;
  spec: OptimizerSpec;
  color: string;
}

export type PathsStatus = 'idle' | 'computing' | 'ready' | 'failed' | 'waitingForTraining';

export interface PathsState {
  surface: SurfaceId;
  start: [number, number];
  steps: number;
  rows: PathRow[];
  result: PathsResult | null;
  status: PathsStatus;
  error: string | null;
  /** The step on show: 0 is the start point. */
  frame: number;
  playing: boolean;
}

/** Distinct on the pale contour background; one per row, at most MAX_PATH_OPTIMIZERS rows. */
export const PATH_COLORS = ['#d62728', '#1f63d1', '#1c9a3a', '#f28e0c', '#8a4fd0', '#8c564b', '#d6389a', '#0f9aa8'];

export const DEFAULT_PATH_OPTIMIZERS: OptimizerType[] = ['sgd', 'momentum', 'adam'];

let nextKey = 0;
export function pathRow(spec: OptimizerSpec, color: string): PathRow {
  return { key: `path${nextKey++}`, spec, color };
}

const initialSurface = SURFACES.rosenbrock;

export const usePaths = create<PathsState>()(() => ({
  surface: initialSurface.id,
  start: initialSurface.start,
  steps: initialSurface.steps,
  rows: DEFAULT_PATH_OPTIMIZERS.map((type, i) => pathRow(suggestedOptimizer(initialSurface, type), PATH_COLORS[i])),
  result: null,
  status: 'idle',
  error: null,
  frame: 0,
  playing: false,
}));

export const setPaths = usePaths.setState;
export const getPaths = usePaths.getState;
