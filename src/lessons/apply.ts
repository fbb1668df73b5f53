import { defaultAugmentation } from '../engine/augment/spec';
import { CATALOG, isBuiltinDatasetId, type DatasetId } from '../engine/data/catalog';
import { suggestedOptimizer } from '../engine/paths/defaults';
import type { PathRequest } from '../engine/paths/request';
import { surfaceById, type SurfaceId } from '../engine/paths/surfaces';
import { getPreset } from '../engine/spec/presets';
import type { Experiment } from '../experiment/spec';
import type { StepExperiment } from './types';

// What loading a step makes of the editor's experiment, as a pure function: the action passes the result
// through the restore gate (src/experiment/restore.ts), and the tests check every step passes it cleanly.

/** What a preset is built for: a dataset's image shape and classes. */
type Facts = { imageShape: [number, number, number]; classNames: readonly string[] };

/**
 * The experiment with a step's changes; a preset is built for the step's (or current) dataset. A lesson may
 * run on an own dataset the student chose (when its step leaves the dataset alone): `factsOf` knows those.
 */
export function withStep(e: Experiment, patch: StepExperiment, factsOf: (id: DatasetId) => Facts | null = () => null): Experiment {
  const dataset = patch.dataset ?? e.dataset;
  const meta = isBuiltinDatasetId(dataset) ? CATALOG[dataset] : (factsOf(dataset) ?? CATALOG.mnist);
  const model = patch.preset ? { preset: patch.preset, layers: getPreset(patch.preset).build(meta.imageShape, meta.classNames.length).layers } : e.model;
  const training = { ...e.training, ...patch.training };
  // The dataset's own recipe (a flip for photos, never for digits), or the switch off keeping what was set.
  if (patch.augment !== undefined) training.augmentation = patch.augment ? { ...defaultAugmentation(dataset), enabled: true } : { ...training.augmentation, enabled: false };
  const views = patch.pathsOpen !== undefined || patch.paths ? { ...e.views, pathsOpen: patch.pathsOpen ?? true } : e.views;
  return { ...e, dataset, model, training, views };
}

/** The paths panel's request a step sets: its optimizers at the rates that suit the surface, from its start. */
export function stepPathRequest(paths: NonNullable<StepExperiment['paths']>, currentSurface: SurfaceId): PathRequest {
  const surface = surfaceById(paths.surface ?? currentSurface);
  return { surface: surface.id, start: surface.start, steps: surface.steps, optimizers: paths.optimizers.map((o) => suggestedOptimizer(surface, o)) };
}
