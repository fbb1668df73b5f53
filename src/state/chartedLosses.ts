import { DEFAULT_LOSS, type LossType } from '../engine/train/lossSpec';
import type { AppState } from './store';

/**
 * The losses the loss chart draws, which its title names: those of the visible runs with points (each run's
 * own), or the editor's before any run has. Shared by the chart and its PNG export.
 */
export function chartedLosses(s: Pick<AppState, 'runs' | 'loss'>): LossType[] {
  const charted = s.runs.filter((r) => !r.hidden && (r.batches.length > 0 || r.epochs.length > 0));
  return charted.length > 0 ? [...new Set(charted.map((r) => r.config.loss ?? DEFAULT_LOSS))] : [s.loss];
}
