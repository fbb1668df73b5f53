import type { z } from 'zod';
import { ITEM_TYPES, MAIN_PATH_TYPES, type InceptionField } from './layers.ts';
import { layerIssue, modelIssue, type SpecIssue } from './issues.ts';
import { text, type IssueText, type SpecMessageCode, type TextParam } from './messages.ts';
import { allowedFields, isBlockType, isLayerType, isPlainObject } from './lenient.ts';

// Zod's own wording ("Invalid discriminator value", "expected tuple, received string") is written for
// programmers; every issue is re-worded here from its code and the value the student actually typed.

type ZodIssue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const FIELDS_WITH_LABELS = new Set(['filters', 'kernelSize', 'strides', 'padding', 'activation', 'poolSize', 'units', 'rate', 'shortcut', 'depthRadius', 'bias', 'alpha', 'beta']);

/** Which branch of an inception block each of its fields sizes, and what the field is called there. */
const INCEPTION_PARTS: Record<InceptionField, { part: SpecMessageCode; label: SpecMessageCode }> = {
  conv1x1: { part: 'branch1x1', label: 'field_filters' },
  reduce3x3: { part: 'branch3x3', label: 'field_reduce' },
  conv3x3: { part: 'branch3x3', label: 'field_filters' },
  reduce5x5: { part: 'branch5x5', label: 'field_reduce' },
  conv5x5: { part: 'branch5x5', label: 'field_filters' },
  poolProj: { part: 'branchPool', label: 'field_filters' },
};

const INPUT_DIMENSIONS = ['field_inputHeight', 'field_inputWidth', 'field_inputChannels'] as const;

function fieldLabel(name: string): TextParam {
  return FIELDS_WITH_LABELS.has(name) ? text(`field_${name}` as SpecMessageCode) : name;
}

export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** How a wrong value is quoted back: 2.5, "abc", a list. */
export function describeValue(value: unknown): TextParam {
  if (value === null) return 'null';
  if (Array.isArray(value)) return text('value_list');
  if (typeof value === 'object') return text('value_object');
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function quoteList(items: readonly unknown[]): string {
  return items.map((item) => (typeof item === 'string' ? item : String(item))).join(', ');
}

function kindOf(expected: string): TextParam {
  return expected === 'number' || expected === 'string' || expected === 'boolean' ? text(`kind_${expected}`) : expected;
}

/** The problem with one number/enum value, without the "layer N type:" prefix. */
function valueProblem(issue: ZodIssue, label: TextParam, value: unknown): IssueText {
  if (value === undefined) return text('missing', { label });
  // A number field the student emptied reads as NaN; "must be a number, not NaN" would blame them for JavaScript.
  if (typeof value === 'number' && Number.isNaN(value)) return text('enterNumber', { label });
  switch (issue.code) {
    case 'too_small':
      return text(issue.inclusive === false ? 'greaterThan' : 'atLeast', { label, bound: Number(issue.minimum) });
    case 'too_big':
      return text(issue.inclusive === false ? 'lessThan' : 'atMost', { label, bound: Number(issue.maximum) });
    case 'invalid_type':
      if (issue.expected === 'int') return text('wholeNumber', { label, value: describeValue(value) });
      return text('wrongKind', { label, kind: kindOf(issue.expected), value: describeValue(value) });
    case 'invalid_value':
      return text('unknownValue', { label, value: describeValue(value), allowed: quoteList(issue.values) });
    default:
      return text('notAllowed', { label, value: describeValue(value) });
  }
}

function unknownTypeProblem(value: unknown): IssueText {
  const allowed = ITEM_TYPES.join(', ');
  if (value === undefined) return text('missingType', { allowed });
  const hint =
    typeof value === 'string' ? ITEM_TYPES.find((t) => t.toLowerCase() === value.toLowerCase()) : undefined;
  const quoted = describeValue(value);
  return hint ? text('unknownTypeHint', { value: quoted, allowed, hint }) : text('unknownType', { value: quoted, allowed });
}

function unknownFieldsProblem(keys: readonly string[], allowed: readonly string[]): IssueText {
  return text('unknownFields', { count: keys.length, names: keys.map((k) => `"${k}"`).join(', '), allowed: allowed.join(', ') });
}

/** An issue inside a block: in a residual block's main path, its shortcut, or an inception branch. */
function translateBlockIssue(issue: ZodIssue, raw: Record<string, unknown>, index: number, rest: readonly PathKey[]): SpecIssue | null {
  const type = raw.type as 'residual' | 'inception';
  const [field, innerIndex, innerField] = rest;
  if (type === 'inception' && typeof field === 'string' && field in INCEPTION_PARTS) {
    const { part, label } = INCEPTION_PARTS[field as InceptionField];
    return layerIssue(index, type, valueProblem(issue, text(label), raw[field]), field, text(part));
  }
  if (type === 'residual' && field === 'shortcut') {
    return layerIssue(index, type, valueProblem(issue, text('field_shortcut'), raw.shortcut), 'shortcut', text('shortcut'));
  }
  if (type !== 'residual' || field !== 'layers') return null;
  if (innerIndex === undefined) {
    if (issue.code === 'too_small' && Array.isArray(raw.layers)) return layerIssue(index, type, text('mainPathEmpty'), 'layers');
    if (issue.code === 'too_big') return layerIssue(index, type, text('mainPathTooLong', { max: Number(issue.maximum) }), 'layers');
    return layerIssue(index, type, text('wrongKind', { label: 'layers', kind: text('value_list'), value: describeValue(raw.layers) }), 'layers');
  }
  if (typeof innerIndex !== 'number') return null;
  const inner = (raw.layers as unknown[])[innerIndex];
  const innerType = isPlainObject(inner) && (MAIN_PATH_TYPES as readonly unknown[]).includes(inner.type) ? String(inner.type) : undefined;
  const part = innerType ? text('mainLayer', { n: innerIndex + 1, type: innerType }) : text('mainLayerUntyped', { n: innerIndex + 1 });
  if (!innerType || innerField === 'type' || issue.code === 'invalid_union') {
    const value = isPlainObject(inner) ? describeValue(inner.type) : describeValue(inner);
    return layerIssue(index, type, text('mainPathType', { allowed: MAIN_PATH_TYPES.join(', '), value }), 'layers', part);
  }
  if (innerField === undefined) {
    if (issue.code === 'unrecognized_keys' && isLayerType(innerType)) {
      return layerIssue(index, type, unknownFieldsProblem(issue.keys, allowedFields(innerType)), 'layers', part);
    }
    return null;
  }
  const name = String(innerField);
  return layerIssue(index, type, valueProblem(issue, fieldLabel(name), (inner as Record<string, unknown>)[name]), 'layers', part);
}

function translateLayerIssue(issue: ZodIssue, spec: unknown, index: number, rest: readonly PathKey[]): SpecIssue {
  const raw = valueAt(spec, ['layers', index]);
  if (isPlainObject(raw) && isBlockType(raw.type) && rest.length > 0) {
    const inBlock = translateBlockIssue(issue, raw, index, rest);
    if (inBlock) return inBlock;
  }
  const type = isPlainObject(raw) && (isLayerType(raw.type) || isBlockType(raw.type)) ? raw.type : undefined;
  const field = rest[0];

  if (field === undefined) {
    // A hole in the list (only JavaScript can make one) is a layer without a type, not "undefined".
    if (raw === undefined) return layerIssue(index, undefined, unknownTypeProblem(undefined), 'type');
    if (issue.code === 'unrecognized_keys' && type) {
      return layerIssue(index, type, unknownFieldsProblem(issue.keys, allowedFields(type)), issue.keys[0]);
    }
    return layerIssue(index, undefined, text('layerNotObject', { value: describeValue(raw) }));
  }
  if (field === 'type' || issue.code === 'invalid_union') {
    return layerIssue(index, undefined, unknownTypeProblem(isPlainObject(raw) ? raw.type : undefined), 'type');
  }
  const name = String(field);
  return layerIssue(index, type, valueProblem(issue, fieldLabel(name), valueAt(raw, rest)), name);
}

function translateModelIssue(issue: ZodIssue, spec: unknown): SpecIssue {
  const [head, second] = issue.path;
  if (head === undefined) {
    if (issue.code === 'unrecognized_keys') {
      return modelIssue(text('specUnknownFields', { problem: unknownFieldsProblem(issue.keys, ['name', 'inputShape', 'layers']) }));
    }
    return modelIssue(text('specNotObject'));
  }
  if (head === 'inputShape') {
    if (typeof second === 'number' && second < INPUT_DIMENSIONS.length) {
      return modelIssue(valueProblem(issue, text(INPUT_DIMENSIONS[second]), valueAt(spec, issue.path)), 'inputShape');
    }
    return modelIssue(text('inputShapeList'), 'inputShape');
  }
  if (head === 'layers') {
    if (issue.code === 'too_small') return modelIssue(text('noLayers'), 'layers');
    if (issue.code === 'too_big') return modelIssue(text('tooManyLayers', { max: Number(issue.maximum) }), 'layers');
    return modelIssue(text('layersList'), 'layers');
  }
  if (head === 'name') {
    if (issue.code === 'too_big') return modelIssue(text('nameTooLong', { max: Number(issue.maximum) }), 'name');
    return modelIssue(text('nameText'), 'name');
  }
  return modelIssue(text('invalidAt', { path: issue.path.map(String).join('.') }), String(head));
}

const isSafeIntegerBound = (issue: ZodIssue) => (issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'int';

/**
 * Drops the bound zod's .int() adds of itself (±2^53−1, "safe integers") where the same value breaks a
 * bound of the schema's own: 1e20 for a stride must say "at most 16", not "at most 9007199254740991" too.
 */
export function withoutSafeIntegerBounds(issues: readonly ZodIssue[]): ZodIssue[] {
  const key = (issue: ZodIssue) => JSON.stringify(issue.path.map(String));
  const hasOwnBound = new Set(issues.filter((i) => !isSafeIntegerBound(i)).map(key));
  return issues.filter((i) => !(isSafeIntegerBound(i) && hasOwnBound.has(key(i))));
}

/** One SpecIssue per zod issue (less the implied safe-integer bounds); `spec` is the raw input, used to quote the student's own values back. */
export function translateZodIssues(issues: readonly ZodIssue[], spec: unknown): SpecIssue[] {
  return withoutSafeIntegerBounds(issues).map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === 'layers' && typeof index === 'number') return translateLayerIssue(issue, spec, index, rest);
    return translateModelIssue(issue, spec);
  });
}
