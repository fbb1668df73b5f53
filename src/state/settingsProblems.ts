import { configProblems, type FieldProblems } from '../engine/train/configProblems';
import { currentConfig } from './spec';
import type { AppState } from './store';

/**
 * What is wrong with the editor's training settings, by config field (src/engine/train/configProblems.ts).
 * The fields show these and Train is enabled only when there are none: one function decides both, so a
 * field can never show an error while Train is enabled, nor Train stay off with no field saying why.
 */
export function settingsProblems(s: AppState): FieldProblems {
  // Buttons and panels ask on every store update (many a second while training): work it out only when an
  // input changed, and hand back the same object otherwise, so subscribers do not re-render.
  const inputs = [s.dataset, ...Object.values(currentConfig(s))];
  if (last && inputs.length === last.inputs.length && inputs.every((x, i) => Object.is(x, last!.inputs[i]))) return last.problems;
  const data = s.dataset ? { trainCount: s.dataset.trainCount, testCount: s.dataset.testCount } : undefined;
  last = { inputs, problems: configProblems(currentConfig(s), data) };
  return last.problems;
}

let last: { inputs: unknown[]; problems: FieldProblems } | null = null;

/** The subsets and seed can be previewed: the dataset panel's own fields have no problem. */
export function subsetsReady(s: AppState): boolean {
  return Object.keys(settingsProblems(s)).every((path) => !path.startsWith('subsets.') && path !== 'seed');
}
