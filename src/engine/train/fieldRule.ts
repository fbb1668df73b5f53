import type { z } from 'zod';

/**
 * `when` for a rule between fields (a zod refinement): run it as soon as the fields it reads are valid
 * themselves. zod's default runs it only once every field of the object is valid, so the rule's problem
 * would vanish whenever some unrelated field is being edited, and come back later.
 */
export function whenFieldsValid(...fields: string[]): (payload: z.core.ParsePayload) => boolean {
  const paths = fields.map((f) => f.split('.'));
  const overlaps = (issuePath: readonly PropertyKey[], field: string[]) => {
    const n = Math.min(issuePath.length, field.length);
    return issuePath.slice(0, n).every((key, i) => String(key) === field[i]);
  };
  return (payload) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    payload.issues.every((issue) => !paths.some((field) => overlaps(issue.path ?? [], field)));
}
