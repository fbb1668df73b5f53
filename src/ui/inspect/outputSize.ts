// The output-size formula of a convolution or pooling window, ⌊(n + 2p − k) / s⌋ + 1, for the teaching widget.
// Pure, so the widget only shows what this returns and the unit tests pin the edge cases.

export type WindowKind = 'conv' | 'pool';

export interface OutputSizeInput {
  /** Input size along one axis. */
  n: number;
  /** Kernel (window) size. */
  k: number;
  /** Stride. */
  s: number;
  /** Padding on each side; ignored for pooling windows, which this app never pads. */
  p: number;
  kind: WindowKind;
}

/** Why a setting has no output size; the UI words each reason (i18n inspect.outputSize.problem.*). */
export type OutputSizeProblem = 'notWhole' | 'nTooSmall' | 'kTooSmall' | 'strideTooSmall' | 'paddingNegative' | 'kernelTooLarge';

export type OutputSizeResult =
  | { ok: true; size: number; /** The numerator n + 2p − k. */ numerator: number; /** True when the stride leaves input rows unused at the end. */ remainder: number }
  | { ok: false; problem: OutputSizeProblem; field: 'n' | 'k' | 's' | 'p' };

export function outputSize({ n, k, s, p, kind }: OutputSizeInput): OutputSizeResult {
  const pad = kind === 'pool' ? 0 : p;
  // Whole numbers first: a fractional size has no meaning, and the later checks assume integers.
  for (const [field, v] of [['n', n], ['k', k], ['s', s], ['p', pad]] as const) {
    if (!Number.isInteger(v)) return { ok: false, problem: 'notWhole', field };
  }
  if (n < 1) return { ok: false, problem: 'nTooSmall', field: 'n' };
  if (k < 1) return { ok: false, problem: 'kTooSmall', field: 'k' };
  if (s < 1) return { ok: false, problem: 'strideTooSmall', field: 's' };
  if (pad < 0) return { ok: false, problem: 'paddingNegative', field: 'p' };
  const numerator = n + 2 * pad - k;
  // The window must fit inside the (padded) input at least once.
  if (numerator < 0) return { ok: false, problem: 'kernelTooLarge', field: 'k' };
  return { ok: true, size: Math.floor(numerator / s) + 1, numerator, remainder: numerator % s };
}
