import Papa from 'papaparse';
import type { Run } from '../../state/runs';
import { augmentationSummary, NO_AUGMENTATION, type AugmentationSpec } from '../../engine/augment/spec';
import { DEFAULT_LOSS, type LossType } from '../../engine/train/lossSpec';
import { DEFAULT_INIT, type InitType } from '../../engine/model/initSpec';

// One row per run, shared by the table and the CSV export so the two always agree.

export interface Setting {
  key: string;
  value: number | string | boolean;
}

export interface RunRow {
  id: string;
  name: string;
  colour: string;
  hidden: boolean;
  status: Run['status'];
  divergence: Run['divergence'];
  dataset: string;
  optimizer: string;
  /** The optimizer's own hyperparameters (learning rate, momentum, …). */
  optimizerSettings: Setting[];
  schedule: string;
  scheduleSettings: Setting[];
  /** Config fields beyond the ones listed in their own columns (regularisation, early stopping, …). */
  otherSettings: Setting[];
  /** Its own column (the table says it in words, the CSV as one line), so not among otherSettings. */
  augmentation: AugmentationSpec;
  /** The loss minimised and the kernels' initialisation: compared like the optimizer, each in its own column. */
  loss: LossType;
  init: InitType;
  batchSize: number;
  epochs: number;
  seed: number;
  trainImages: number;
  /** Loss of the very first batch, before any update: equal across runs with the same seed, model and data. */
  firstBatchLoss: number | null;
  bestValAccuracy: number | null;
  testAccuracy: number | null;
  testLoss: number | null;
  /** Training time, pauses and validation excluded. */
  timeMs: number | null;
  imagesPerSec: number | null;
}

const OWN_COLUMNS = new Set(['optimizer', 'schedule', 'loss', 'init', 'batchSize', 'epochs', 'seed', 'subsets', 'augmentation', 'fold', 'bootstrap']);

/** A cross-validation fold or bagging member as people count them (1-based), one setting each. */
function dataLabSettings(config: Run['config']): Setting[] {
  return [
    ...(config.fold ? [{ key: 'fold', value: `${config.fold.index + 1}/${config.fold.k}` }] : []),
    ...(config.bootstrap ? [{ key: 'bootstrapMember', value: config.bootstrap.member + 1 }] : []),
  ];
}

/** Flattens nested settings to dotted keys: { earlyStopping: { patience: 3 } } → earlyStopping.patience = 3. */
function settings(obj: object, skip: Set<string> = new Set(), prefix = ''): Setting[] {
  return Object.entries(obj).flatMap(([key, value]): Setting[] => {
    if (skip.has(key) || value === undefined || value === null) return [];
    if (typeof value === 'object') return settings(value as object, new Set(), `${prefix}${key}.`);
    return [{ key: `${prefix}${key}`, value: value as Setting['value'] }];
  });
}

export function runRow(run: Run): RunRow {
  const { config } = run;
  const vals = run.epochs.map((e) => e.valAccuracy).filter((v): v is number => v !== null);
  const ran = run.progress !== null && run.progress.step > 0;
  return {
    id: run.id,
    name: run.name,
    colour: run.colour,
    hidden: run.hidden,
    status: run.status,
    divergence: run.divergence,
    dataset: run.datasetId,
    optimizer: config.optimizer.type,
    optimizerSettings: settings(config.optimizer, new Set(['type'])),
    schedule: config.schedule.type,
    scheduleSettings: settings(config.schedule, new Set(['type'])),
    otherSettings: [...settings(config, OWN_COLUMNS), ...dataLabSettings(config)],
    augmentation: config.augmentation ?? NO_AUGMENTATION,
    // A run record is read through the config schema, which fills these; the fallback covers a record in memory from before.
    loss: config.loss ?? DEFAULT_LOSS,
    init: config.init ?? DEFAULT_INIT,
    batchSize: config.batchSize,
    epochs: config.epochs,
    seed: config.seed,
    trainImages: config.subsets.train,
    firstBatchLoss: run.batches[0]?.loss ?? null,
    bestValAccuracy: vals.length ? Math.max(...vals) : null,
    testAccuracy: run.test?.accuracy ?? null,
    testLoss: run.test?.loss ?? null,
    timeMs: ran ? run.progress!.elapsedMs : null,
    imagesPerSec: ran ? run.progress!.imagesPerSec : null,
  };
}

export type SortKey = keyof Pick<
  RunRow,
  'name' | 'status' | 'optimizer' | 'loss' | 'init' | 'batchSize' | 'epochs' | 'seed' | 'firstBatchLoss' | 'bestValAccuracy' | 'testAccuracy' | 'timeMs' | 'imagesPerSec'
>;

export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** Sorted copy; rows without a value go last in either direction, ties keep run order. */
export function sortRows(rows: readonly RunRow[], sort: Sort | null): RunRow[] {
  if (!sort) return [...rows];
  const dir = sort.descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[sort.key];
      const y = b.row[sort.key];
      if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? c * dir : a.i - b.i;
    })
    .map(({ row }) => row);
}

export const formatSettings = (list: Setting[]): string => list.map((s) => `${s.key}=${s.value}`).join('; ');

/** The comparison as CSV: one line per run, full-precision numbers, column names in English for tools. */
export function runsCsv(rows: readonly RunRow[]): string {
  const blank = (v: number | null) => (v === null ? '' : v);
  return Papa.unparse(
    rows.map((r) => ({
      name: r.name,
      status: r.status,
      diverged_at_step: r.divergence ? r.divergence.step + 1 : '',
      dataset: r.dataset,
      optimizer: r.optimizer,
      optimizer_settings: formatSettings(r.optimizerSettings),
      schedule: r.schedule,
      schedule_settings: formatSettings(r.scheduleSettings),
      other_settings: formatSettings(r.otherSettings),
      augmentation: augmentationSummary(r.augmentation),
      loss: r.loss,
      init: r.init,
      batch_size: r.batchSize,
      epochs: r.epochs,
      seed: r.seed,
      train_images: r.trainImages,
      first_batch_loss: blank(r.firstBatchLoss),
      best_val_accuracy: blank(r.bestValAccuracy),
      test_accuracy: blank(r.testAccuracy),
      test_loss: blank(r.testLoss),
      train_seconds: r.timeMs === null ? '' : r.timeMs / 1000,
      images_per_second: blank(r.imagesPerSec),
    })),
    { newline: '\r\n', escapeFormulae: true },
  );
}

export type Difference = 'model' | 'dataset' | 'subsets' | 'seed';

/**
 * The losses the runs minimise, when they are not all the same: their loss values (charts, first-batch
 * loss) are then on different scales, though accuracy still compares. Empty when they agree.
 */
export function differentLosses(runs: readonly Pick<Run, 'config'>[]): LossType[] {
  const losses = [...new Set(runs.map((r) => r.config.loss ?? DEFAULT_LOSS))];
  return losses.length > 1 ? losses : [];
}

/** What, besides optimizer settings, differs between the runs: anything listed makes the comparison unfair. */
export function differences(runs: readonly Pick<Run, 'spec' | 'datasetId' | 'config'>[]): Difference[] {
  const varies = (f: (r: (typeof runs)[number]) => unknown) => new Set(runs.map((r) => JSON.stringify(f(r)))).size > 1;
  const out: Difference[] = [];
  if (varies((r) => r.spec.layers)) out.push('model');
  if (varies((r) => r.datasetId)) out.push('dataset');
  if (varies((r) => r.config.subsets)) out.push('subsets');
  if (varies((r) => r.config.seed)) out.push('seed');
  return out;
}
