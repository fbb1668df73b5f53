const MAX_LOG_TICKS = 10;

/**
 * Ticks for a log axis covering `values`: 1, 2 and 5 times each power of ten, from the one at or below
 * the smallest value to the one at or above the largest. First and last are the axis domain.
 */
export function logTicks(values: number[]): number[] | null {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  // A run that blows up spans twenty decades: then only powers of ten, every `stride`-th one, so the
  // axis keeps about ten labels whatever the range.
  const decades = high - low;
  const mantissas = decades <= 3 ? [1, 2, 5] : [1];
  const stride = Math.max(1, Math.ceil(decades / MAX_LOG_TICKS));
  const ticks: number[] = [];
  for (let e = low; e < high + stride; e += stride) {
    for (const m of mantissas) ticks.push(Number((m * 10 ** e).toPrecision(1)));
  }
  let lo = 0;
  while (lo + 1 < ticks.length && ticks[lo + 1] <= min) lo++;
  let hi = ticks.length - 1;
  while (hi - 1 >= 0 && ticks[hi - 1] >= max) hi--;
  return ticks.slice(lo, hi + 1);
}

/**
 * About `count` round ticks (1, 2 or 5 times a power of ten apart) from 0 or below `min` to at or above
 * `max`. First and last are the axis domain. Computed here, once per update, so that recharts does not
 * work out nice ticks with decimal arithmetic on every live render, and the ticks (and their DOM) stay put
 * while the data stays inside them.
 */
export function linearTicks(min: number, max: number, count = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max <= min) max = min + 1;
  const power = 10 ** Math.floor(Math.log10((max - min) / Math.max(1, count - 1)));
  const spans = (step: number) => Math.ceil(max / step - 1e-9) - Math.floor(min / step + 1e-9) + 1;
  // The round step whose tick count comes closest to `count` (the larger step on a tie).
  const step = [1, 2, 5, 10, 20]
    .map((m) => m * power)
    .reduce((best, s) => (Math.abs(spans(s) - count) <= Math.abs(spans(best) - count) ? s : best));
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}
