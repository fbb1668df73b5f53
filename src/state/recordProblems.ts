import type { z } from 'zod';
import { text, type IssueText, type SpecMessageCode } from '../engine/spec/messages';
import { describeValue, translateZodIssues, valueAt, withoutSafeIntegerBounds } from '../engine/spec/zodIssues';

// What is wrong with a saved run that fails its schema, as message codes the UI says in its own language.
// The schemas' own error strings are English (and written for the editor), so they are not shown; each
// issue is worded again from its code, its path and the value stored there.

type ZodIssue = z.core.$ZodIssue;

/** How many problems a notice lists before "and N more". */
const SHOWN = 3;

const TYPE_WORDS = new Set(['number', 'string', 'boolean', 'object', 'array']);

/** Custom checks in runRecord.ts name their message code in `params.code`. */
function customCode(issue: ZodIssue): SpecMessageCode | null {
  const code = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === 'string' ? (code as SpecMessageCode) : null;
}

function problem(issue: ZodIssue, record: unknown): IssueText {
  // The model spec has its own wording, with layer numbers: say it the way the model builder does.
  if (issue.path[0] === 'spec') {
    const [specIssue] = translateZodIssues([{ ...issue, path: issue.path.slice(1) }], valueAt(record, ['spec']));
    return text('recordSpec', { problem: specIssue.text });
  }
  if (issue.path.length === 0) return text('recordNotRun');
  const path = issue.path.map(String).join('.');
  const found = valueAt(record, issue.path);
  if (found === undefined) return text('recordMissing', { path });
  const value = describeValue(found);
  const code = customCode(issue);
  if (code) return text(code, { path, value });
  switch (issue.code) {
    case 'too_small': {
      const bound = Number(issue.minimum);
      if (issue.origin === 'string' || issue.origin === 'array') return text('recordTooShort', { path, bound });
      return text(issue.inclusive === false ? 'recordGreaterThan' : 'recordAtLeast', { path, bound });
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      if (issue.origin === 'string' || issue.origin === 'array') return text('recordTooLong', { path, bound });
      return text(issue.inclusive === false ? 'recordLessThan' : 'recordAtMost', { path, bound });
    }
    case 'invalid_type':
      if (issue.expected === 'int') return text('recordWholeNumber', { path, value });
      return text('recordExpected', {
        path,
        kind: TYPE_WORDS.has(issue.expected) ? text(`recordType_${issue.expected}` as SpecMessageCode) : issue.expected,
        value,
      });
    case 'invalid_value':
      // A record from a newer app: say so rather than "version is 2, which is not one of 1".
      if (path === 'version') return text('recordVersion', { found: value, version: String(issue.values[0]) });
      return text('recordUnknownValue', { path, value, allowed: issue.values.map(String).join(', ') });
    case 'invalid_union':
      // A discriminated union (the optimizer, the schedule) lists the types it knows.
      if ('options' in issue && Array.isArray(issue.options)) {
        return text('recordUnknownValue', { path, value, allowed: issue.options.map(String).join(', ') });
      }
      return text('recordInvalid', { path });
    case 'invalid_format':
      return path === 'colour' ? text('recordColour', { path, value }) : text('recordInvalid', { path });
    case 'unrecognized_keys':
      return text('recordUnknownFields', { path, count: issue.keys.length, names: issue.keys.map((k) => `"${k}"`).join(', ') });
    default:
      return text('recordInvalid', { path });
  }
}

/** The first few problems of a record that failed `runRecordSchema`, and how many more there are, as one text. */
export function recordProblems(issues: readonly ZodIssue[], record: unknown): IssueText {
  const all = withoutSafeIntegerBounds(issues);
  const shown = all.slice(0, SHOWN).map((issue) => problem(issue, record));
  if (all.length > SHOWN) shown.push(text('recordMore', { count: all.length - SHOWN }));
  if (shown.length === 0) return text('recordNotRun');
  return shown.reduceRight((rest, first) => text('recordList', { first, rest }));
}
