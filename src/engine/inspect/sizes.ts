// Output sizes for the formula widget: the textbook formula with explicit padding p, and the sizes
// tfjs gives for its 'valid' and 'same' padding. Each either gives a size or says why there is none.

export type SizeResult = { ok: true; size: number } | { ok: false; reason: string };

function wholeNumbers(values: Record<string, number>, min: Record<string, number>): string | null {
  for (const [name, v] of Object.entries(values)) {
    if (!Number.isInteger(v)) return `${name} must be a whole number (it is ${v})`;
    if (v < min[name]) return `${name} must be at least ${min[name]} (it is ${v})`;
  }
  return null;
}

/** ⌊(n + 2p − k) / s⌋ + 1 for input size n, kernel k, stride s, padding p on each side. */
export function convOutputSize(n: number, k: number, s: number, p = 0): SizeResult {
  const problem = wholeNumbers({ 'the input size n': n, 'the kernel size k': k, 'the stride s': s, 'the padding p': p }, {
    'the input size n': 1,
    'the kernel size k': 1,
    'the stride s': 1,
    'the padding p': 0,
  });
  if (problem) return { ok: false, reason: problem };
  if (k > n + 2 * p) return { ok: false, reason: `the ${k}×${k} kernel does not fit the padded input (n + 2p = ${n + 2 * p})` };
  return { ok: true, size: Math.floor((n + 2 * p - k) / s) + 1 };
}

/** The same formula for a pooling window of size k (pools here never pad). */
export function poolOutputSize(n: number, k: number, s: number = k, p = 0): SizeResult {
  const result = convOutputSize(n, k, s, p);
  if (!result.ok) return { ok: false, reason: result.reason.replace('kernel', 'pooling window') };
  return result;
}

/** tfjs's size: 'valid' keeps only whole windows, ⌈(n − k + 1) / s⌉; 'same' pads so that it is ⌈n / s⌉. */
export function tfOutputSize(n: number, k: number, s: number, padding: 'valid' | 'same'): SizeResult {
  if (padding === 'valid') return convOutputSize(n, k, s, 0);
  const problem = wholeNumbers({ 'the input size n': n, 'the kernel size k': k, 'the stride s': s }, {
    'the input size n': 1,
    'the kernel size k': 1,
    'the stride s': 1,
  });
  return problem ? { ok: false, reason: problem } : { ok: true, size: Math.ceil(n / s) };
}

/**
 * The zeros 'same' padding puts before the input (TensorFlow's rule: half the total, the odd one at the
 * end): ⌊((out − 1)·s + k − n) / 2⌋, never negative.
 */
export function samePadBefore(n: number, k: number, s: number): number {
  const out = Math.ceil(n / s);
  return Math.max(0, Math.floor(((out - 1) * s + k - n) / 2));
}
