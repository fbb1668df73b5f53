import { z } from 'zod';
import { DATASET_IDS, OWN_DATASET_ID, type BuiltinDatasetId, type OwnDatasetId } from '../engine/data/catalog';
import { modelSpecSchema } from '../engine/spec/layers';
import { renderEnglish, type IssueText } from '../engine/spec/messages';
import { trainingConfigSchema } from '../engine/train/config';
import type { BatchMetrics } from '../engine/train/events';
import { recordProblems } from './recordProblems';
import { batchesPerEpoch, FINISHED_STATUSES, type Run } from './runs';

// A run as saved in IndexedDB, and the checks it passes when read back. Saved data can be from an
// older version or damaged, so everything is validated; a bad record is reported, never trusted.

export const RUN_RECORD_VERSION = 1;

/** Any JS number: a diverged run's loss is NaN or Infinity, and that is worth keeping. */
const metric = z.custom<number>((v) => typeof v === 'number', { error: 'must be a number', params: { code: 'recordNotNumber' } });
const count = z.number().int().min(0);

const progressSchema = z.object({
  epoch: count,
  batch: count,
  batchesPerEpoch: z.number().int().min(1),
  epochs: z.number().int().min(1),
  step: count,
  totalSteps: count,
  imagesPerSec: metric,
  elapsedMs: metric,
  etaMs: metric,
});

const epochSchema = z.object({
  epoch: count,
  trainLoss: metric,
  trainAccuracy: metric,
  valLoss: metric.nullable(),
  valAccuracy: metric.nullable(),
});

const histogramSchema = z.object({ min: metric, max: metric, counts: z.array(count), nonFinite: count });
const layerRef = { layer: count, type: z.string() };
const dynamicsSchema = z.object({
  layers: z.array(z.object({ ...layerRef, size: count })),
  relus: z.array(z.object(layerRef)),
  snapshotEvery: z.number().int().min(1).nullable(),
  probeImages: count.default(64),
});
const snapshotSchema = z.object({
  step: count,
  layers: z.array(z.object({ ...layerRef, weights: histogramSchema, gradients: histogramSchema })),
  deadRelu: z.array(z.object({ ...layerRef, fraction: metric })),
});

const testSchema = z.object({
  loss: metric,
  accuracy: metric,
  confusion: z.array(z.array(count)),
  samples: z.array(z.object({ index: count, label: count, predicted: count, confidence: metric })),
});

export const runRecordSchema = z.object({
  version: z.literal(RUN_RECORD_VERSION, { error: `only version ${RUN_RECORD_VERSION} can be read` }),
  id: z.string().min(1),
  name: z.string().max(200),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, { error: 'must be a colour like #4e79a7' }),
  hidden: z.boolean(),
  createdAt: z.number(),
  datasetId: z.union([z.enum(DATASET_IDS as [BuiltinDatasetId, ...BuiltinDatasetId[]]), z.string().regex(OWN_DATASET_ID).transform((id) => id as OwnDatasetId)]),
  spec: modelSpecSchema,
  config: trainingConfigSchema,
  status: z.enum(['queued', 'done', 'stopped', 'failed', 'diverged']),
  backend: z.string().nullable(),
  params: count,
  progress: progressSchema.nullable(),
  /** Per-batch loss and accuracy as columns: steps run 0, 1, 2, … so epoch and batch follow from the index. */
  loss: z.array(metric),
  accuracy: z.array(metric),
  /** Weight penalty per batch; absent in records from before weight decay. */
  penalty: z.array(metric).optional(),
  /** Per batch, each weighted layer's gradient norm; absent in records from before the training-dynamics views. */
  gradNorms: z.array(z.array(metric)).optional(),
  dynamics: dynamicsSchema.nullable().default(null),
  snapshots: z.array(snapshotSchema).default([]),
  epochs: z.array(epochSchema),
  test: testSchema.nullable(),
  error: z.string().nullable(),
  earlyStop: z.object({ epoch: count, bestEpoch: count, bestValLoss: metric, patience: count }).nullable().default(null),
  divergence: z.object({ step: count, value: z.enum(['NaN', 'Infinity', '-Infinity']) }).nullable().default(null),
  weightsFrom: z.object({ epoch: count.nullable(), source: z.enum(['last', 'best', 'beforeDivergence', 'imported']) }).nullable().default(null),
  tensors: z.object({ before: count, after: count }).nullable(),
  timeMarks: z.array(z.tuple([count, metric])),
}).refine((r) => r.loss.length === r.accuracy.length, {
  error: 'loss and accuracy have different lengths',
  path: ['accuracy'],
  params: { code: 'recordLengths' },
});

export type RunRecord = z.infer<typeof runRecordSchema>;
/** What is written: config fields with defaults may be absent, as the schema fills them when read. */
export type StoredRunRecord = z.input<typeof runRecordSchema>;

/** What is saved of a run. A run still training is saved as queued: after a reload it trains again from the start. */
export function toRecord(run: Run): StoredRunRecord {
  const finished = FINISHED_STATUSES.includes(run.status);
  const keep = <T>(value: T, empty: T) => (finished ? value : empty);
  return {
    version: RUN_RECORD_VERSION,
    id: run.id,
    name: run.name,
    colour: run.colour,
    hidden: run.hidden,
    createdAt: run.createdAt,
    datasetId: run.datasetId,
    spec: run.spec,
    config: run.config,
    status: finished ? (run.status as 'done' | 'stopped' | 'failed' | 'diverged') : 'queued',
    backend: keep(run.backend, null),
    params: keep(run.params, 0),
    progress: keep(run.progress, null),
    loss: keep(run.batches.map((b) => b.loss), []),
    accuracy: keep(run.batches.map((b) => b.accuracy), []),
    penalty: keep(run.batches.map((b) => b.penalty ?? 0), []),
    gradNorms: keep(run.batches.map((b) => b.gradNorms ?? []), []),
    dynamics: keep(run.dynamics, null),
    snapshots: keep(
      run.snapshots.map((s) => ({
        ...s,
        layers: s.layers.map((l) => ({ ...l, weights: { ...l.weights, counts: Array.from(l.weights.counts) }, gradients: { ...l.gradients, counts: Array.from(l.gradients.counts) } })),
      })),
      [],
    ),
    epochs: keep(run.epochs, []),
    test: keep(run.test, null),
    error: keep(run.error, null),
    earlyStop: keep(run.earlyStop, null),
    divergence: keep(run.divergence, null),
    weightsFrom: keep(run.weightsFrom, null),
    tensors: keep(run.tensors, null),
    timeMarks: keep(run.timeMarks, []),
  };
}

export function fromRecord(r: RunRecord): Run {
  const perEpoch = batchesPerEpoch(r);
  const batches: BatchMetrics[] = r.loss.map((loss, step) => ({
    epoch: Math.floor(step / perEpoch),
    batch: step % perEpoch,
    step,
    loss,
    accuracy: r.accuracy[step],
    penalty: r.penalty?.[step] ?? 0,
    ...(r.gradNorms?.[step]?.length ? { gradNorms: r.gradNorms[step] } : {}),
  }));
  return {
    id: r.id,
    name: r.name,
    colour: r.colour,
    hidden: r.hidden,
    createdAt: r.createdAt,
    datasetId: r.datasetId,
    spec: r.spec,
    config: r.config,
    status: r.status,
    backend: r.backend,
    params: r.params,
    progress: r.progress,
    batches,
    epochs: r.epochs,
    test: r.test,
    testImages: null,
    error: r.error,
    earlyStop: r.earlyStop,
    divergence: r.divergence,
    weightsFrom: r.weightsFrom,
    tensors: r.tensors,
    timeMarks: r.timeMarks,
    dynamics: r.dynamics,
    snapshots: r.snapshots.map((s) => ({
      ...s,
      layers: s.layers.map((l) => ({ ...l, weights: { ...l.weights, counts: Uint32Array.from(l.weights.counts) }, gradients: { ...l.gradients, counts: Uint32Array.from(l.gradients.counts) } })),
    })),
  };
}

/** `problem` is the English sentence; `text` the same as message codes, for the UI to say in its language. */
export type ReadResult = { ok: true; run: Run } | { ok: false; name: string; problem: string; text: IssueText };

/** Validates one stored value; the problem names the field, e.g. `config.batchSize must be at least 1`. */
export function readRecord(key: string, value: unknown): ReadResult {
  const parsed = runRecordSchema.safeParse(value);
  if (parsed.success) return { ok: true, run: fromRecord(parsed.data) };
  const raw = value as { name?: unknown } | null;
  const name = raw && typeof raw === 'object' && typeof raw.name === 'string' ? raw.name : key;
  const problems = recordProblems(parsed.error.issues, value);
  return { ok: false, name, problem: renderEnglish(problems), text: problems };
}

export interface SavedRuns {
  runs: Run[];
  /** One per record that could not be read: its name (or key) and what is wrong with it. */
  unreadable: { key: string; name: string; problem: string; text: IssueText }[];
}

/** Reads every stored record on its own, oldest run first: a bad one is reported and the rest still load. */
export function readEntries(all: [IDBValidKey, unknown][]): SavedRuns {
  const out: SavedRuns = { runs: [], unreadable: [] };
  for (const [key, value] of all) {
    const read = readRecord(String(key), value);
    if (read.ok) out.runs.push(read.run);
    else out.unreadable.push({ key: String(key), name: read.name, problem: read.problem, text: read.text });
  }
  out.runs.sort((a, b) => a.createdAt - b.createdAt);
  return out;
}
