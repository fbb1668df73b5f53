/**
 * Ticks for a log axis covering `values`: 1, 2 and 5 times each power of ten, from the one at or below
 * the smallest value to the one at or above the largest. First and last are the axis domain.
 */
export function logTicks(values: number[]): number[] | null {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) ticks.push(Number((m * 10 ** e).toPrecision(1)));
  }
  let lo = 0;
  while (lo + 1 < ticks.length && ticks[lo + 1] <= min) lo++;
  let hi = ticks.length - 1;
  while (hi - 1 >= 0 && ticks[hi - 1] >= max) hi--;
  return ticks.slice(lo, hi + 1);
}
