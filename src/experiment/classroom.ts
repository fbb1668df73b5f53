import { isPlainObject } from '../engine/spec/lenient';
import type { ExperimentProblem } from './problems';
import { classroomSettings, type ClassroomAccess } from './settings';
import type { Classroom } from './spec';

// The classroom part of an experiment: which controls a teacher link hides and which it locks. Only what
// the settings table allows for each is kept; anything else is named in a message and dropped.

export const NO_CLASSROOM: Classroom = { hidden: [], locked: [] };

function readList(raw: unknown, access: ClassroomAccess, list: 'hidden' | 'locked', problems: ExperimentProblem[]): string[] {
  if (raw === undefined) return [];
  const allowed = new Set(classroomSettings(access).map((s) => s.key));
  const items = Array.isArray(raw) ? raw : [raw];
  const kept = items.filter((k): k is string => typeof k === 'string' && allowed.has(k));
  const bad = items.filter((k) => !(typeof k === 'string' && allowed.has(k)));
  if (bad.length > 0) problems.push({ code: 'classroomUnknown', list, names: bad.map((k) => JSON.stringify(k)).join(', ') });
  return [...new Set(kept)];
}

export function readClassroom(raw: unknown, problems: ExperimentProblem[]): Classroom {
  if (raw === undefined || raw === null) return NO_CLASSROOM;
  if (!isPlainObject(raw)) {
    problems.push({ code: 'classroomUnknown', list: 'hidden', names: JSON.stringify(raw) ?? String(raw) });
    return NO_CLASSROOM;
  }
  const hidden = readList(raw.hidden, 'hide', 'hidden', problems);
  // A hidden control cannot be seen, so locking it too says nothing more.
  const locked = readList(raw.locked, 'lock', 'locked', problems).filter((k) => !hidden.includes(k));
  return { hidden, locked };
}

/** How a setting's controls show: as usual, visible but not editable, or not at all. */
export function accessOf(classroom: Classroom, key: string): 'open' | 'locked' | 'hidden' {
  if (classroom.hidden.includes(key)) return 'hidden';
  if (classroom.locked.includes(key)) return 'locked';
  return 'open';
}
