import { renderEnglish, text, type IssueText } from './messages.ts';

// Problems found in a model spec, worded for the student who wrote it.

export interface SpecIssue {
  /** 0-based index into spec.layers; null for problems of the whole model (input shape, final output). */
  layerIndex: number | null;
  /** The spec field at fault, when there is one (e.g. "units", "kernelSize", "inputShape"). */
  field?: string;
  /** A complete English sentence naming the layer (1-based, as the UI numbers rows) and the problem. */
  message: string;
  /** The same sentence as code and params, for the UI to say in the user's language. */
  text: IssueText;
}
/** Thrown where a spec must be valid (e.g. buildModel); carries every issue, not only the first. */
export class SpecError extends Error {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'SpecError';
    this.issues = issues;
  }
}

/** 5×5×16, the way shapes are written in the UI. */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

/** "layer 3 conv2d" — or "layer 3" when the type itself is unknown. */
export function layerLabel(index: number, type?: string): string {
  return type ? `layer ${index + 1} ${type}` : `layer ${index + 1}`;
}

/**
 * A problem of spec item `index`; a block is named "block N type", and `part` says where inside it
 * ("block 3 inception, 5×5 branch: …").
 */
export function layerIssue(index: number, type: string | undefined, problem: IssueText, field?: string, part?: IssueText): SpecIssue {
  const isBlock = type === 'residual' || type === 'inception';
  const layer = isBlock ? text('block', { n: index + 1, type }) : type ? text('layerTyped', { n: index + 1, type }) : text('layer', { n: index + 1 });
  const full = part ? text('withPart', { layer, part, problem }) : text('withLayer', { layer, problem });
  const issue: SpecIssue = { layerIndex: index, message: renderEnglish(full), text: full };
  if (field !== undefined) issue.field = field;
  return issue;
}

export function modelIssue(problem: IssueText, field?: string): SpecIssue {
  const issue: SpecIssue = { layerIndex: null, message: renderEnglish(problem), text: problem };
  if (field !== undefined) issue.field = field;
  return issue;
}
