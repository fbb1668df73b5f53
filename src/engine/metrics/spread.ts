/** Mean and sample standard deviation (n − 1, as over folds one estimates the spread of a new fold). */
export interface Spread {
  mean: number;
  std: number;
  n: number;
}

export function meanStd(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('the mean and standard deviation of no values are undefined');
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  // One value has no spread to estimate: 0 rather than NaN, so a table still reads.
  const std = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, std, n };
}
