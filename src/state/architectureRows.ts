import { analyzeModel } from '../engine/spec/analyze';
import { modelSpecSchema, type ItemSpec, type ModelSpec } from '../engine/spec/layers';
import { PRESETS, type PresetId } from '../engine/spec/presets';
import type { DatasetId } from '../engine/data/catalog';
import type { Run } from './runs';

// The course's table of classic architectures (depth, parameters, error), filled with the user's own
// runs instead: which architecture, how deep, how big, how costly, how accurate and how slow it was here.

export interface ArchitectureRow {
  runId: string;
  runName: string;
  colour: string;
  /** The preset the run's model is, unchanged; 'custom' for anything else. */
  architecture: PresetId | 'custom';
  /** Year and ILSVRC top-5 error of the full-size original, for presets that have a story. */
  year: number | null;
  top5Error: number | null;
  dataset: DatasetId;
  /** Weighted layers on the longest path from input to output, as the papers count depth. */
  depth: number;
  params: number;
  macs: number;
  testAccuracy: number | null;
  /** Training time of one epoch (pauses and validation excluded); from the steps run when stopped early. */
  msPerEpoch: number | null;
  /** Images in an epoch: the time per epoch depends on it. */
  trainImages: number;
  backend: string | null;
}

/** Statuses whose runs belong in the table: they ran, and stopped changing. A failed run has nothing to show. */
const SHOWN: readonly string[] = ['done', 'stopped', 'diverged'];

/**
 * Depth as the papers count it (LeNet-5 5, AlexNet 8, GoogLeNet 22, ResNet-152 152): convolutions and
 * dense layers along the deepest path. An inception module is two deep (1×1 reduction, then 3×3 or 5×5);
 * a residual block is as deep as its main path, since the shortcut runs beside it.
 */
export function modelDepth(layers: readonly ItemSpec[]): number {
  let depth = 0;
  for (const item of layers) {
    if (item.type === 'conv2d' || item.type === 'dense') depth += 1;
    else if (item.type === 'inception') depth += 2;
    else if (item.type === 'residual') depth += Math.max(1, item.layers.filter((l) => l.type === 'conv2d').length);
  }
  return depth;
}

/** The class count a spec ends in: its last dense layer's units (null without one). */
function outputUnits(spec: ModelSpec): number | null {
  const last = spec.layers[spec.layers.length - 1];
  return last?.type === 'dense' ? last.units : null;
}

const canonical = (spec: ModelSpec): string => {
  const parsed = modelSpecSchema.safeParse({ inputShape: spec.inputShape, layers: spec.layers });
  return parsed.success ? JSON.stringify(parsed.data) : '';
};

/**
 * Which preset a model is: the one that builds exactly this spec for its input shape and class count.
 * Worked out from the spec, so runs saved before the table existed are named too; any edit makes it custom.
 */
export function presetOf(spec: ModelSpec): PresetId | 'custom' {
  const classes = outputUnits(spec);
  if (classes === null) return 'custom';
  const own = canonical(spec);
  const match = PRESETS.find((p) => canonical(p.build([...spec.inputShape] as [number, number, number], classes)) === own);
  return match?.id ?? 'custom';
}

function msPerEpoch(run: Run): number | null {
  const p = run.progress;
  if (!p || p.step === 0 || !Number.isFinite(p.elapsedMs)) return null;
  return (p.elapsedMs * p.batchesPerEpoch) / p.step;
}

/** One row per finished run, in run order. */
export function architectureRows(runs: readonly Run[]): ArchitectureRow[] {
  return runs
    .filter((r) => SHOWN.includes(r.status))
    .map((run) => {
      const analysis = analyzeModel(run.spec, null);
      const architecture = presetOf(run.spec);
      const story = architecture === 'custom' ? undefined : PRESETS.find((p) => p.id === architecture)?.story;
      return {
        runId: run.id,
        runName: run.name,
        colour: run.colour,
        architecture,
        year: story?.year ?? null,
        top5Error: story?.top5Error ?? null,
        dataset: run.datasetId,
        depth: modelDepth(run.spec.layers),
        params: analysis.totalParams,
        macs: analysis.totalMacs,
        testAccuracy: run.test?.accuracy ?? null,
        msPerEpoch: msPerEpoch(run),
        trainImages: run.config.subsets.train,
        backend: run.backend,
      };
    });
}
