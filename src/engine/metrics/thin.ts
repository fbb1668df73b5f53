// Fewer points for drawing a curve: a ROC curve of 10,000 images has up to 10,001 points, and an SVG chart
// of ten of them would cost far more to render than it shows.

export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * At most `max` points (≥ 2) of the polyline (x[k], y[k]), spread evenly along its length (the L1 length,
 * so a long straight stretch keeps few points and a bend keeps many): the first point whose running length
 * reaches each of max − 1 equal steps, plus the first and the last point. The AUC is always computed on the
 * full curve, never on this.
 */
export function thinCurve(x: ArrayLike<number>, y: ArrayLike<number>, max: number): CurvePoint[] {
  const n = x.length;
  if (n <= max) return Array.from({ length: n }, (_, k) => ({ x: x[k], y: y[k] }));
  const along = new Float64Array(n);
  for (let k = 1; k < n; k++) along[k] = along[k - 1] + Math.abs(x[k] - x[k - 1]) + Math.abs(y[k] - y[k - 1]);
  const total = along[n - 1];
  const out: CurvePoint[] = [{ x: x[0], y: y[0] }];
  if (total > 0) {
    const step = total / (max - 1);
    let next = step;
    // Intermediate points: at most max − 2 of them, one per step crossed, so with the ends ≤ max.
    for (let k = 1; k < n - 1 && out.length < max - 1; k++) {
      if (along[k] >= next) {
        out.push({ x: x[k], y: y[k] });
        next = (Math.floor(along[k] / step) + 1) * step;
      }
    }
  }
  out.push({ x: x[n - 1], y: y[n - 1] });
  return out;
}
