// Writing Python source from TypeScript: literals that mean in Python what the value means here, and
// comments that cannot end early. The scripts are meant to be read, so the helpers keep them tidy.

/** A float literal: `0.001`, `1e-7`, `2.0` (always a float, so Python never does integer division with it). */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a Python literal`);
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function pyInt(x: number): string {
  if (!Number.isSafeInteger(x)) throw new Error(`${x} is not a whole number`);
  return String(x);
}

/** A string literal. JSON's escapes (\n, \", \uXXXX) mean the same in Python. */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** Text for a `#` comment or a docstring: one line, no control characters, no closing triple quote. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/"""/g, '"\u200b""').trimEnd();
}

/** Indents every non-empty line of a block by `levels` × 4 spaces. */
export function indent(block: string, levels = 1): string {
  const pad = ' '.repeat(4 * levels);
  return block
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}

/** Joins parts with one blank line between them (two between top-level definitions, as PEP 8 has it). */
export function sections(parts: (string | null | undefined | false)[], gap = 2): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n'.repeat(gap + 1));
}

/** Thousands separators for comments: 61,706. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
