import { z } from 'zod';
import { DATASET_IDS, isOwnDatasetId } from '../engine/data/catalog';
import { PRESETS } from '../engine/spec/presets';
import { trainingConfigSchema } from '../engine/train/config';
import { isPlainObject } from '../engine/spec/lenient';
import { readLayers } from './layers';
import { readSetting, type Read } from './readers';
import { CHART_X, type Experiment } from './spec';
import { quote, type ExperimentProblem } from './problems';

// The one table of settings (as TF Playground's State.PROPS): where each lives in the experiment, how its
// value is read back, whether a share link carries it, and what a classroom link may do with its control.
// restore.ts, the URL codec and the teacher-link panel all read this table; none lists settings itself.

export type ClassroomAccess = 'hide' | 'lock';

export interface Setting {
  key: string;
  /** Where it lives in the experiment: ['training', 'batchSize']. */
  path: readonly string[];
  /** Reads the raw value found at `path`, falling back to `fallback` field by field. */
  read(raw: unknown, fallback: unknown): Read<unknown>;
  /** Carried by share and teacher links; a setting that is not stays on this machine only. */
  shared: boolean;
  /** What a teacher link may do to the setting's controls: hide them, or leave them visible but locked. */
  classroom: readonly ClassroomAccess[];
}

const training = trainingConfigSchema.shape;

/** A training-config field, read against the trainer's own schema. */
function trainingSetting(key: keyof typeof training): Setting {
  return {
    key,
    path: ['training', key],
    read: (raw, fallback) => readSetting(training[key] as z.ZodType, raw, fallback, { setting: key, path: key }),
    shared: true,
    classroom: ['hide', 'lock'],
  };
}

const presetSchema = z.enum(PRESETS.map((p) => p.id) as [string, ...string[]]).nullable();

/** The model: its layers, and the preset they came from while untouched. */
function readModel(raw: unknown, fallback: unknown): Read<unknown> {
  const base = fallback as Experiment['model'];
  if (!isPlainObject(raw)) {
    return { value: base, problems: [{ code: 'wrongKind', setting: 'model', path: 'model', kind: 'object', value: quote(raw), used: base.preset ?? '—' }] };
  }
  if (raw.layers === undefined) {
    return { value: base, problems: [{ code: 'missing', setting: 'model', path: 'model.layers', used: base.preset ?? '—' }, ...unknownModelFields(raw)] };
  }
  const problems: ExperimentProblem[] = [];
  const layers = readLayers(raw.layers, base.layers);
  problems.push(...layers.problems);
  // An unknown preset is not worth a message of its own: the layers are what the user sees, the preset only
  // adapts them to another dataset. Layers that had to be repaired are no longer the preset's.
  const preset = raw.preset ?? null;
  const keptPreset = layers.problems.length === 0 && presetSchema.safeParse(preset).success ? (preset as Experiment['model']['preset']) : null;
  return { value: { preset: keptPreset, layers: layers.value }, problems: [...problems, ...unknownModelFields(raw)] };
}

function unknownModelFields(raw: Record<string, unknown>): ExperimentProblem[] {
  const unknown = Object.keys(raw).filter((k) => k !== 'layers' && k !== 'preset');
  return unknown.length > 0 ? [{ code: 'unknownFields', where: 'model', names: unknown.map((k) => `"${k}"`).join(', ') }] : [];
}

export const SETTINGS: readonly Setting[] = [
  {
    key: 'dataset',
    path: ['dataset'],
    // An own dataset's id passes here (it is well formed); whether this browser has it is known only when it is
    // opened (IndexedDB), which then says so and falls back to MNIST (src/actions/datasetActions.ts).
    read: (raw, fallback) =>
      typeof raw === 'string' && isOwnDatasetId(raw)
        ? { value: raw, problems: [] }
        : readSetting(z.enum(DATASET_IDS as [string, ...string[]]), raw, fallback, { setting: 'dataset', path: 'dataset' }),
    shared: true,
    classroom: ['hide', 'lock'],
  },
  trainingSetting('subsets'),
  trainingSetting('seed'),
  { key: 'model', path: ['model'], read: readModel, shared: true, classroom: ['hide', 'lock'] },
  trainingSetting('optimizer'),
  trainingSetting('schedule'),
  trainingSetting('loss'),
  trainingSetting('init'),
  trainingSetting('batchSize'),
  trainingSetting('epochs'),
  trainingSetting('l1'),
  trainingSetting('l2'),
  trainingSetting('earlyStoppingPatience'),
  trainingSetting('restoreBestWeights'),
  trainingSetting('augmentation'),
  {
    key: 'pathsOpen',
    path: ['views', 'pathsOpen'],
    read: (raw, fallback) => readSetting(z.boolean().default(false), raw, fallback, { setting: 'pathsOpen', path: 'pathsOpen' }),
    shared: true,
    // A panel, not a value: a lesson that does not need it hides it; there is nothing to lock.
    classroom: ['hide'],
  },
  {
    key: 'chartX',
    path: ['views', 'chartX'],
    read: (raw, fallback) => readSetting(z.enum(CHART_X).default('epochs'), raw, fallback, { setting: 'chartX', path: 'chartX' }),
    // A lesson that compares runs by training time shows them so; a student may still look another way.
    shared: true,
    classroom: [],
  },
  {
    key: 'logLoss',
    path: ['views', 'logLoss'],
    read: (raw, fallback) => readSetting(z.boolean().default(false), raw, fallback, { setting: 'logLoss', path: 'logLoss' }),
    shared: true,
    classroom: [],
  },
  {
    key: 'selectedLayer',
    path: ['views', 'selectedLayer'],
    read: (raw, fallback) =>
      raw === undefined || raw === null || (Number.isInteger(raw) && (raw as number) >= 0)
        ? { value: raw ?? null, problems: [] }
        : { value: fallback, problems: [{ code: 'wrongKind', setting: 'selectedLayer', path: 'selectedLayer', kind: 'wholeNumberOrNone', value: quote(raw), used: '' }] },
    // Where this user's eye is, not part of the experiment they hand on.
    shared: false,
    classroom: [],
  },
];

export const SETTING_KEYS: readonly string[] = SETTINGS.map((s) => s.key);

export function getSetting(key: string): Setting | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/** The settings a teacher link may hide or lock, in table order. */
export function classroomSettings(access: ClassroomAccess): Setting[] {
  return SETTINGS.filter((s) => s.classroom.includes(access));
}

export function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** A copy of `root` with `value` at `path`, creating the objects on the way. */
export function withValueAt<T>(root: T, path: readonly string[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const object = (isPlainObject(root) ? root : {}) as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) } as T;
}
