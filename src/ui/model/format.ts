export function formatShape(shape: number[] | null): string {
  return shape ? shape.join('×') : '—';
}

/**
 * 61706 → "61.7k", 1234567 → "1.23M": enough to compare layers at a glance. In Chinese the counts go by
 * 万 and 亿 (Intl's compact notation: "6.17万"), as a Chinese course table writes them.
 */
export function formatCount(n: number, language = 'en'): string {
  if (language.startsWith('zh')) return new Intl.NumberFormat(language, { notation: 'compact', maximumSignificantDigits: 3 }).format(n);
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 2 : 1)}k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`;
  return `${(n / 1e9).toFixed(2)}G`;
}

/** A duration in the UI's language, to the second: "12s", "3m 05s", "1h 02m" (zh "12秒", "3分钟 05秒"), by Intl units. */
export function formatDuration(ms: number, language = 'en'): string {
  const unit = (u: 'second' | 'minute' | 'hour', v: number, padded = false) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'narrow', minimumIntegerDigits: padded ? 2 : 1 }).format(v);
  const s = Math.round(ms / 1000);
  if (s < 60) return unit('second', s);
  const m = Math.floor(s / 60);
  if (m < 60) return `${unit('minute', m)} ${unit('second', s % 60, true)}`;
  return `${unit('hour', Math.floor(m / 60))} ${unit('minute', m % 60, true)}`;
}
