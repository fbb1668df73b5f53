import type { TFunction } from 'i18next';
import type { IssueText, TextParam } from '../engine/spec/messages';

/** Says an engine IssueText in the current language: nested texts first, then the sentence around them. */
export function sayIssue(t: TFunction, issue: IssueText): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params ?? {}) as [string, TextParam][]) {
    params[name] = typeof value === 'object' ? sayIssue(t, value) : value;
  }
  return t(`specIssues.${issue.code}`, params) as string;
}
