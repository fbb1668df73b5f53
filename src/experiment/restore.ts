import { isPlainObject } from '../engine/spec/lenient';
import { readClassroom } from './classroom';
import { migrate } from './migrate';
import type { ExperimentProblem, ExperimentSource } from './problems';
import { SETTINGS, valueAt, withValueAt } from './settings';
import { defaultExperiment, EXPERIMENT_VERSION, type Experiment } from './spec';

// The one gate every experiment passes on its way in, whatever it came from (a link, a file, this
// browser's saved copy), like excalidraw's restore.ts: it never throws, it migrates old versions, and it
// reads each setting on its own, so one bad field costs only that field (its default is used and a
// message says so) while everything else the user made is kept.

export interface Restored {
  experiment: Experiment;
  problems: ExperimentProblem[];
  source: ExperimentSource;
}

/** Sections of the experiment and the keys the settings table (plus the gate itself) gives each. */
function knownKeys(): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>([['', new Set(['version', 'classroom'])]]);
  for (const s of SETTINGS) {
    known.get('')!.add(s.path[0]);
    if (s.path.length > 1) {
      if (!known.has(s.path[0])) known.set(s.path[0], new Set());
      known.get(s.path[0])!.add(s.path[1]);
    }
  }
  return known;
}

function unknownFields(raw: Record<string, unknown>): ExperimentProblem[] {
  const problems: ExperimentProblem[] = [];
  for (const [section, keys] of knownKeys()) {
    const object = section === '' ? raw : raw[section];
    if (!isPlainObject(object)) continue;
    const unknown = Object.keys(object).filter((k) => !keys.has(k));
    if (unknown.length > 0) problems.push({ code: 'unknownFields', where: section || 'experiment', names: unknown.map((k) => `"${k}"`).join(', ') });
  }
  return problems;
}

/** A section that is there but is not an object: its settings fall back one by one, said once here. */
function brokenSections(raw: Record<string, unknown>): Set<string> {
  const broken = new Set<string>();
  for (const s of SETTINGS) {
    if (s.path.length > 1 && raw[s.path[0]] !== undefined && !isPlainObject(raw[s.path[0]])) broken.add(s.path[0]);
  }
  return broken;
}

/**
 * Validates and migrates an experiment from `source`. A link carries only the settings the table shares:
 * the others keep their defaults even when a hand-made link names them.
 */
export function restore(raw: unknown, source: ExperimentSource): Restored {
  const defaults = defaultExperiment();
  if (!isPlainObject(raw)) return { experiment: defaults, problems: [{ code: 'notExperiment' }], source };
  const migrated = migrate(raw);
  const problems = [...migrated.problems];
  const value = migrated.value;
  const broken = brokenSections(value);
  for (const section of broken) {
    problems.push({ code: 'sectionNotObject', section });
  }
  let experiment: Experiment = defaults;
  for (const setting of SETTINGS) {
    if (source === 'link' && !setting.shared) continue;
    if (broken.has(setting.path[0])) continue;
    const found = valueAt(value, setting.path);
    // A setting left out (a lesson's link that sets only the model and the epochs) keeps its default: that
    // is a choice, not damage. Inside a setting, a missing field is reported (readers.ts).
    if (found === undefined) continue;
    const read = setting.read(found, valueAt(defaults, setting.path));
    experiment = withValueAt(experiment, setting.path, read.value);
    problems.push(...read.problems);
  }
  experiment = { ...experiment, version: EXPERIMENT_VERSION, classroom: readClassroom(value.classroom, problems) };
  problems.push(...unknownFields(value));
  return { experiment, problems, source };
}

/** The same gate for text: a file's contents. */
export function restoreText(text: string, source: ExperimentSource): Restored {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { experiment: defaultExperiment(), problems: [{ code: 'notJson', detail: (e as Error).message }], source };
  }
  return restore(raw, source);
}
