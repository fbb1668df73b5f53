import { z } from 'zod';
import { trainingConfigSchema } from './config';

// What is wrong with each field of a training config, as message codes with numbers rather than zod's
// English, so the UI can say it in any language (src/i18n: fieldErrors.*) next to the field it concerns.
// Everything is read from the zod schemas themselves (bounds, whole-number rules, refinements), so the
// messages cannot drift from what the trainer accepts.

export type FieldProblemCode =
  | 'notNumber'
  | 'wholeRange'
  | 'wholeAtLeast'
  | 'wholeNumber'
  | 'atLeast'
  | 'greaterThan'
  | 'atMost'
  | 'lessThan'
  | 'trainAndValidationExceed'
  | 'patienceNeedsValidation'
  | 'initialStepBelowMin'
  | 'initialStepAboveMax'
  | 'invalid';

/** Codes that refinements name in their `params.code` (a rule between fields, with its own sentence). */
const RULE_CODES = new Set<FieldProblemCode>(['patienceNeedsValidation', 'initialStepBelowMin', 'initialStepAboveMax']);

export interface FieldProblem {
  code: FieldProblemCode;
  params?: Record<string, number>;
}

/** At most one problem per field, keyed by the field's dotted path: 'optimizer.learningRate', 'subsets.test'. */
export type FieldProblems = Readonly<Record<string, FieldProblem>>;

/** How many images the loaded dataset has, which bounds the subsets. */
export interface DatasetCounts {
  trainCount: number;
  testCount: number;
}

type Path = readonly PropertyKey[];

function unwrap(schema: unknown): unknown {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap();
  return s;
}

/** The object schema a value takes: itself, or the union member its discriminator picks. */
function objectFor(schema: unknown, value: unknown): z.ZodObject | null {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return s;
  if (s instanceof z.ZodDiscriminatedUnion) {
    const key = s.def.discriminator;
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    const member = s.options.find((o) => {
      const literal = o instanceof z.ZodObject ? o.shape[key] : undefined;
      return literal instanceof z.ZodLiteral && literal.values.has(tag as z.core.util.Literal);
    });
    return member instanceof z.ZodObject ? member : null;
  }
  return null;
}

/** The number schema of the field at `path` of `value`, or null when the field is not a number field. */
function numberSchemaAt(schema: z.ZodType, path: Path, value: unknown): z.ZodNumber | null {
  let s: unknown = schema;
  let v = value;
  for (const key of path) {
    const object = objectFor(s, v);
    if (!object || typeof key !== 'string') return null;
    s = object.shape[key];
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  }
  const n = unwrap(s);
  return n instanceof z.ZodNumber ? n : null;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);
}

/** Whole-number bounds as one range, so "0" and "5000" for a batch size get the same, complete answer. */
function wholeProblem(min: number | null, max: number | null): FieldProblem {
  // zod reports "no bound" on a whole number as the safe-integer limits.
  const lo = min !== null && Math.abs(min) < Number.MAX_SAFE_INTEGER ? min : null;
  const hi = max !== null && Math.abs(max) < Number.MAX_SAFE_INTEGER ? max : null;
  if (lo !== null && hi !== null) return { code: 'wholeRange', params: { min: lo, max: hi } };
  if (lo !== null) return { code: 'wholeAtLeast', params: { min: lo } };
  return { code: 'wholeNumber' };
}

function issueProblem(issue: z.core.$ZodIssue, schema: z.ZodType, value: unknown, maxima: Record<string, number>): FieldProblem {
  if (issue.code === 'custom') {
    const code = (issue.params as { code?: FieldProblemCode } | undefined)?.code;
    return code && RULE_CODES.has(code) ? { code } : { code: 'invalid' };
  }
  const number = numberSchemaAt(schema, issue.path, value);
  if (!number) return { code: 'invalid' };
  const typed = valueAt(value, issue.path);
  if (typeof typed !== 'number' || !Number.isFinite(typed)) return { code: 'notNumber' };
  if (number.isInt) return wholeProblem(number.minValue, maxima[issue.path.join('.')] ?? number.maxValue);
  if (issue.code === 'too_small') return { code: issue.inclusive === false ? 'greaterThan' : 'atLeast', params: { bound: Number(issue.minimum) } };
  if (issue.code === 'too_big') return { code: issue.inclusive === false ? 'lessThan' : 'atMost', params: { bound: Number(issue.maximum) } };
  return { code: 'invalid' };
}

/**
 * The problems `schema` finds in `value`, one per field (the first zod reports). `maxima` caps whole-number
 * fields beyond the schema (a subset by the dataset's size), so their range is said in full.
 */
export function schemaProblems(schema: z.ZodType, value: unknown, maxima: Record<string, number> = {}): Record<string, FieldProblem> {
  const parsed = schema.safeParse(value);
  const problems: Record<string, FieldProblem> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const path = issue.path.join('.');
    if (!(path in problems)) problems[path] = issueProblem(issue, schema, value, maxima);
  }
  return problems;
}

/**
 * Everything that keeps `config` from training, by field: the config schema's rules and, once a dataset
 * is loaded, whether it has the images the subsets ask for (which chooseSubsets would otherwise refuse
 * only after a run had been created). No problems means the config trains.
 */
export function configProblems(config: unknown, data?: DatasetCounts): FieldProblems {
  const maxima: Record<string, number> = data ? { 'subsets.train': data.trainCount, 'subsets.test': data.testCount } : {};
  const problems = schemaProblems(trainingConfigSchema, config, maxima);
  if (!data) return problems;
  const sizes = valueAt(config, ['subsets']) as { train?: unknown; validation?: unknown; test?: unknown } | undefined;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
  const train = sizes?.train;
  const validation = sizes?.validation;
  const test = sizes?.test;
  if (!problems['subsets.train'] && whole(train) && train > data.trainCount) {
    problems['subsets.train'] = wholeProblem(subsetMinimum('train'), data.trainCount);
  } else if (!problems['subsets.train'] && !problems['subsets.validation'] && whole(train) && whole(validation) && train + validation > data.trainCount) {
    problems['subsets.validation'] = { code: 'trainAndValidationExceed', params: { count: data.trainCount } };
  }
  if (!problems['subsets.test'] && whole(test) && test > data.testCount) {
    problems['subsets.test'] = wholeProblem(subsetMinimum('test'), data.testCount);
  }
  return problems;
}

function subsetMinimum(key: 'train' | 'test'): number | null {
  return numberSchemaAt(trainingConfigSchema, ['subsets', key], undefined)?.minValue ?? null;
}
