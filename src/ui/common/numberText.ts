// The text of a number field, read and written by the app rather than the browser: an <input type="number">
// reports "" for a half-typed "1e" or "-", which the field then mistook for a value and overwrote.

/** Decimal notation as people type it: 12, -0.5, .5, 3e-3, 1E+2. Anything else is not (yet) a number. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number `text` spells, or NaN. Full-width digits (a Chinese IME) and the minus sign − count. */
export function parseNumber(text: string): number {
  const plain = text.normalize('NFKC').replace(/\u2212/g, '-').trim();
  return DECIMAL.test(plain) ? Number(plain) : NaN;
}

/** How a value from the store is shown; NaN (a field left empty or not a number) shows as empty. */
export function formatNumber(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

/** The same number, NaN included (NaN !== NaN), so a half-typed field is never "corrected" to itself. */
export function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** `value` moved by `delta` (arrow keys), without binary noise such as 0.30000000000000004. */
export function stepNumber(value: number, delta: number): number {
  return Number((value + delta).toPrecision(12));
}
