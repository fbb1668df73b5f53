import { z } from 'zod';
import { schemaProblems } from '../engine/train/configProblems';
import { isPlainObject } from '../engine/spec/lenient';
import { quote, shown, type ExperimentProblem, type ValueKind } from './problems';

// Reading one setting's raw value against the engine's own zod schema, field by field: a bad field falls
// back to its default and says so, and every other field of the same setting is kept. The readers follow
// the schemas (numbers, booleans, enums, objects, discriminated unions), so a field added to a training
// schema is restored without changes here.

export interface Read<T> {
  value: T;
  problems: ExperimentProblem[];
}

interface Where {
  /** The settings-table key the value belongs to (named in messages about whole settings). */
  setting: string;
  /** Dotted path inside the training config or experiment ('optimizer.learningRate'): names the field. */
  path: string;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; hasDefault: boolean } {
  let s: z.ZodType = schema;
  let hasDefault = false;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) {
    hasDefault = true;
    s = s.unwrap() as z.ZodType;
  }
  return { inner: s, hasDefault };
}

const leaf = (path: string) => path.split('.').at(-1) ?? path;

function wrongKind(where: Where, kind: ValueKind, raw: unknown, fallback: unknown): ExperimentProblem {
  return { code: 'wrongKind', setting: where.setting, path: where.path, kind, value: quote(raw), used: shown(fallback) };
}

function readNumber(schema: z.ZodType, raw: unknown, fallback: number, where: Where): Read<number> {
  // JSON writes a field the user emptied (NaN in the store) as null: to the user, that field is empty.
  if (raw === null) return { value: fallback, problems: [{ code: 'missing', setting: where.setting, path: where.path, used: shown(fallback) }] };
  if (typeof raw !== 'number') return { value: fallback, problems: [wrongKind(where, 'number', raw, fallback)] };
  if (schema.safeParse(raw).success) return { value: raw, problems: [] };
  // The field's own wording (range and whole-number rules read from the schema), as the editor says it.
  const name = leaf(where.path);
  const problem = schemaProblems(z.object({ [name]: schema }), { [name]: raw })[name] ?? { code: 'invalid' as const };
  return { value: fallback, problems: [{ code: 'field', setting: where.setting, path: where.path, problem, used: shown(fallback) }] };
}

function readObject(shape: Record<string, z.ZodType>, raw: unknown, fallback: Record<string, unknown>, where: Where, skip: string[] = []): Read<Record<string, unknown>> {
  if (!isPlainObject(raw)) return { value: fallback, problems: [wrongKind(where, 'object', raw, fallback)] };
  const value: Record<string, unknown> = {};
  const problems: ExperimentProblem[] = [];
  for (const [key, field] of Object.entries(shape)) {
    if (skip.includes(key)) {
      value[key] = fallback[key];
      continue;
    }
    const read = readSetting(field, raw[key], fallback[key], { setting: where.setting, path: where.path ? `${where.path}.${key}` : key });
    value[key] = read.value;
    problems.push(...read.problems);
  }
  const unknown = Object.keys(raw).filter((k) => !(k in shape));
  if (unknown.length > 0) problems.push({ code: 'unknownFields', where: where.path || where.setting, names: unknown.map((k) => `"${k}"`).join(', ') });
  return { value, problems };
}

/** A discriminated union (optimizer, schedule): the type picks the member, whose defaults fill the rest. */
function readUnion(union: z.ZodDiscriminatedUnion, raw: unknown, fallback: Record<string, unknown>, where: Where): Read<Record<string, unknown>> {
  const key = union.def.discriminator;
  if (!isPlainObject(raw)) return { value: fallback, problems: [wrongKind(where, 'object', raw, fallback)] };
  const tag = raw[key];
  const members = union.options.filter((o): o is z.ZodObject => o instanceof z.ZodObject);
  const tagOf = (o: z.ZodObject) => [...(o.shape[key] as z.ZodLiteral).values][0];
  const member = members.find((o) => tagOf(o) === tag);
  if (!member) {
    const allowed = members.map((o) => String(tagOf(o))).join(', ');
    return { value: fallback, problems: [{ code: 'unknownChoice', setting: where.setting, path: where.path, value: quote(tag), allowed, used: shown(fallback) }] };
  }
  // The member's own defaults, so a bad learning rate of SGD falls back to SGD's, not to Adam's.
  const defaults = member.parse({ [key]: tag }) as Record<string, unknown>;
  return readObject(member.shape as Record<string, z.ZodType>, raw, defaults, where, [key]);
}

/**
 * Reads `raw` against `schema`. A value that is absent where the schema has a default takes it quietly
 * (a hand-written link may leave out what it does not change); absent where it has none is a problem.
 */
export function readSetting<T>(schema: z.ZodType, raw: unknown, fallback: T, where: Where): Read<T> {
  const { inner, hasDefault } = unwrap(schema);
  if (raw === undefined) {
    if (hasDefault) return { value: fallback, problems: [] };
    return { value: fallback, problems: [{ code: 'missing', setting: where.setting, path: where.path, used: shown(fallback) }] };
  }
  if (inner instanceof z.ZodNumber) return readNumber(inner, raw, fallback as number, where) as Read<T>;
  if (inner instanceof z.ZodBoolean) {
    return typeof raw === 'boolean' ? { value: raw as T, problems: [] } : { value: fallback, problems: [wrongKind(where, 'boolean', raw, fallback)] };
  }
  if (inner instanceof z.ZodEnum) {
    if (inner.safeParse(raw).success) return { value: raw as T, problems: [] };
    const allowed = inner.options.map(String).join(', ');
    return { value: fallback, problems: [{ code: 'unknownChoice', setting: where.setting, path: where.path, value: quote(raw), allowed, used: shown(fallback) }] };
  }
  if (inner instanceof z.ZodDiscriminatedUnion) return readUnion(inner, raw, fallback as Record<string, unknown>, where) as Read<T>;
  if (inner instanceof z.ZodObject) return readObject(inner.shape as Record<string, z.ZodType>, raw, fallback as Record<string, unknown>, where) as Read<T>;
  // Anything else must pass whole.
  return inner.safeParse(raw).success ? { value: raw as T, problems: [] } : { value: fallback, problems: [wrongKind(where, 'object', raw, fallback)] };
}
