import type { IssueText } from '../engine/spec/messages';
import type { FieldProblem } from '../engine/train/configProblems';

// What restore.ts found wrong with an experiment, as data: the UI says each one in its own language
// (src/i18n/experimentProblemText.ts, keys experiment.problem.*). Every problem that touches a setting
// also says what is used instead (`used`), so the user knows what the app did about it.

/** Where an experiment came from: the messages name it ("the link", "the file"). */
export type ExperimentSource = 'link' | 'file' | 'saved';

export type ExperimentProblem =
  /** The text is not JSON (a file), or the link's data does not decompress to JSON. */
  | { code: 'notJson'; detail: string }
  | { code: 'damagedLink' }
  /** Not an object at all: nothing could be read, the whole default is used. */
  | { code: 'notExperiment' }
  | { code: 'noVersion'; assumed: number }
  /** Written by a newer app: the settings this one knows were read, the rest ignored. */
  | { code: 'futureVersion'; found: number; latest: number }
  | { code: 'badVersion'; found: string; latest: number }
  /** A model file (model.json from Export JSON) rather than an experiment: its layers were taken. */
  | { code: 'modelFile' }
  | { code: 'missing'; setting: string; path: string; used: string }
  /** A value of the wrong kind ("abc" for a number, a list for an object); `used` '' when it was cleared. */
  | { code: 'wrongKind'; setting: string; path: string; kind: ValueKind; value: string; used: string }
  /** A number outside its range, said as the field itself says it (configProblems.ts). */
  | { code: 'field'; setting: string; path: string; problem: FieldProblem; used: string }
  | { code: 'unknownChoice'; setting: string; path: string; value: string; allowed: string; used: string }
  | { code: 'unknownFields'; where: string; names: string }
  /** "training" or "views" is there but not an object: each of its settings takes its default. */
  | { code: 'sectionNotObject'; section: string }
  /** A layer problem in the model builder's own words; the layer was repaired or left out. */
  | { code: 'layerReset'; issue: IssueText; used: string }
  | { code: 'layerIgnored'; issue: IssueText }
  | { code: 'layerDropped'; issue: IssueText }
  | { code: 'tooManyLayers'; max: number; found: number }
  /** A classroom list names a setting that cannot be hidden or locked. */
  | { code: 'classroomUnknown'; list: 'hidden' | 'locked'; names: string };

export type ValueKind = 'number' | 'boolean' | 'object' | 'list' | 'text' | 'wholeNumberOrNone';

/** How a wrong value is quoted back in a message: short, and never a whole object. */
export function quote(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object') return '{…}';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** How the value used instead is written in a message. */
export function shown(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'type' in value) return String((value as { type: unknown }).type);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.join(', ');
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => `${k} ${shown(v)}`).join(', ');
  return value === null ? '—' : String(value);
}
