// Chart data shaping: smoothing noisy per-batch metrics and keeping long runs cheap to draw.

export interface Point {
  x: number;
  y: number;
}

/** Exponential moving average, bias-corrected so the start is not pulled towards 0. */
export function smooth(values: number[], weight: number): number[] {
  const out = new Array<number>(values.length);
  let avg = 0;
  for (let i = 0; i < values.length; i++) {
    avg = avg * weight + (1 - weight) * values[i];
    out[i] = avg / (1 - Math.pow(weight, i + 1));
  }
  return out;
}

/**
 * At most `max` points, each the mean of an equal run of neighbours; the last point is kept as is
 * so the line always reaches the newest batch.
 */
export function downsample(points: Point[], max: number): Point[] {
  if (points.length <= max) return points.map((p) => ({ x: p.x, y: p.y }));
  const size = points.length / (max - 1);
  const out: Point[] = [];
  for (let b = 0; b < max - 1; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length - 1, Math.floor((b + 1) * size));
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i++) {
      sx += points[i].x;
      sy += points[i].y;
    }
    const n = Math.max(1, to - from);
    out.push({ x: sx / n, y: sy / n });
  }
  const last = points[points.length - 1];
  out.push({ x: last.x, y: last.y });
  return out;
}
