import type { z } from 'zod';
import { LAYER_TYPES } from './layers.ts';
import { layerIssue, modelIssue, type SpecIssue } from './issues.ts';
import { allowedFields, isLayerType, isPlainObject } from './lenient.ts';

// Zod's own wording ("Invalid discriminator value", "expected tuple, received string") is written for
// programmers; every issue is re-worded here from its code and the value the student actually typed.

type ZodIssue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const FIELD_LABELS: Record<string, string> = {
  filters: 'filters',
  kernelSize: 'kernel size',
  strides: 'stride',
  padding: 'padding',
  activation: 'activation',
  poolSize: 'pool size',
  units: 'units',
  rate: 'rate',
};

const INPUT_DIMENSIONS = ['input height', 'input width', 'input channels'];

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** How a wrong value is quoted back: "2.5", "\"abc\"", "a list". */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function quoteList(items: readonly unknown[]): string {
  return items.map((item) => (typeof item === 'string' ? item : String(item))).join(', ');
}

/** The problem with one number/enum value, without the "layer N type:" prefix. */
function valueProblem(issue: ZodIssue, label: string, value: unknown): string {
  if (value === undefined) return `missing ${label}`;
  switch (issue.code) {
    case 'too_small': {
      const bound = Number(issue.minimum);
      return issue.inclusive === false ? `${label} must be greater than ${bound}` : `${label} must be at least ${bound}`;
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      return issue.inclusive === false ? `${label} must be less than ${bound}` : `${label} must be at most ${bound}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return `${label} must be a whole number, not ${describeValue(value)}`;
      return `${label} must be a ${issue.expected}, not ${describeValue(value)}`;
    case 'invalid_value':
      return `unknown ${label} ${describeValue(value)} (expected one of ${quoteList(issue.values)})`;
    default:
      return `${label} ${describeValue(value)} is not allowed`;
  }
}

function unknownTypeProblem(value: unknown): string {
  const expected = `expected one of ${LAYER_TYPES.join(', ')}`;
  if (value === undefined) return `missing layer type (${expected})`;
  const hint =
    typeof value === 'string' ? LAYER_TYPES.find((t) => t.toLowerCase() === value.toLowerCase()) : undefined;
  const problem = `unknown layer type ${describeValue(value)} (${expected})`;
  return hint ? `${problem} — did you mean "${hint}"?` : problem;
}

function unknownFieldsProblem(keys: readonly string[], allowed: readonly string[]): string {
  const names = keys.map((k) => `"${k}"`).join(', ');
  return `unknown ${keys.length === 1 ? 'field' : 'fields'} ${names} (allowed: ${allowed.join(', ')})`;
}

function translateLayerIssue(issue: ZodIssue, spec: unknown, index: number, rest: readonly PathKey[]): SpecIssue {
  const raw = valueAt(spec, ['layers', index]);
  const type = isPlainObject(raw) && isLayerType(raw.type) ? raw.type : undefined;
  const field = rest[0];

  if (field === undefined) {
    if (issue.code === 'unrecognized_keys' && type) {
      return layerIssue(index, type, unknownFieldsProblem(issue.keys, allowedFields(type)), issue.keys[0]);
    }
    return layerIssue(index, undefined, `each layer must be an object with a "type" field, not ${describeValue(raw)}`);
  }
  if (field === 'type' || issue.code === 'invalid_union') {
    return layerIssue(index, undefined, unknownTypeProblem(isPlainObject(raw) ? raw.type : undefined), 'type');
  }
  const name = String(field);
  const label = FIELD_LABELS[name] ?? name;
  return layerIssue(index, type, valueProblem(issue, label, valueAt(raw, rest)), name);
}

function translateModelIssue(issue: ZodIssue, spec: unknown): SpecIssue {
  const [head, second] = issue.path;
  if (head === undefined) {
    if (issue.code === 'unrecognized_keys') {
      return modelIssue(`the model spec has ${unknownFieldsProblem(issue.keys, ['name', 'inputShape', 'layers'])}`);
    }
    return modelIssue('the model spec must be an object with "inputShape" and "layers"');
  }
  if (head === 'inputShape') {
    if (typeof second === 'number' && second < INPUT_DIMENSIONS.length) {
      const label = INPUT_DIMENSIONS[second];
      return modelIssue(`${valueProblem(issue, label, valueAt(spec, issue.path))}`, 'inputShape');
    }
    return modelIssue('the input shape must be a list of three numbers: [height, width, channels]', 'inputShape');
  }
  if (head === 'layers') {
    if (issue.code === 'too_small') return modelIssue('a model needs at least one layer', 'layers');
    if (issue.code === 'too_big') return modelIssue(`a model can have at most ${Number(issue.maximum)} layers`, 'layers');
    return modelIssue('"layers" must be a list of layers', 'layers');
  }
  if (head === 'name') {
    if (issue.code === 'too_big') return modelIssue(`the model name must be at most ${Number(issue.maximum)} characters`, 'name');
    return modelIssue('the model name must be text', 'name');
  }
  return modelIssue(`the model spec has an invalid value at ${issue.path.map(String).join('.')}`, String(head));
}

/** One SpecIssue per zod issue; `spec` is the raw input, used to quote the student's own values back. */
export function translateZodIssues(issues: readonly ZodIssue[], spec: unknown): SpecIssue[] {
  return issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head === 'layers' && typeof index === 'number') return translateLayerIssue(issue, spec, index, rest);
    return translateModelIssue(issue, spec);
  });
}
