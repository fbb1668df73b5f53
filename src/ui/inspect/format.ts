// How the views inside the network write numbers: 3 significant digits keep grids narrow, and very small or
// large values switch to exponent form instead of reading 0.000 or overflowing a cell.

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e4) return v.toExponential(1);
  return Number(v.toPrecision(3)).toString();
}

export const shapeText = (shape: readonly number[]) => shape.join('×');

export function paramsText(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}
