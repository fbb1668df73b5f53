import type { TFunction } from 'i18next';
import type { FieldProblem, FieldProblems } from '../engine/train/configProblems';

// Numbers inside messages are grouped (10,000; 2,147,483,647) so a bound is read at a glance.
const format = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 20 });

/** Says the problem with the field at `path` ('optimizer.learningRate') in the current language. */
export function sayFieldProblem(t: TFunction, path: string, problem: FieldProblem): string {
  const field = path.split('.').at(-1) ?? path;
  const label = t(`fieldErrors.label.${field}`, { defaultValue: field });
  const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([k, v]) => [k, format(v)]));
  return t(`fieldErrors.${problem.code}`, { ...params, label }) as string;
}

/** The message a field shows, or null when its value is fine. */
export function fieldError(t: TFunction, problems: FieldProblems, path: string): string | null {
  const problem = problems[path];
  return problem ? sayFieldProblem(t, path, problem) : null;
}
