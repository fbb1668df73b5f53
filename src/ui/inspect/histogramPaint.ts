import type { Histogram } from '../../engine/inspect/histogram';

// TensorBoard's "offset" histogram view on a canvas: one outline per snapshot, the oldest at the back (top)
// and the newest at the front (bottom), each drawn over the layer's shared range, so a distribution that
// widens, narrows or drifts over training is seen as a shape changing down the stack.

export interface RidgeOptions {
  width: number;
  height: number;
  range: { min: number; max: number };
  /** Each outline's height as a share of the canvas. */
  ridgeHeight?: number;
}

export function paintRidges(ctx: CanvasRenderingContext2D, histograms: readonly Histogram[], { width, height, range, ridgeHeight = 0.35 }: RidgeOptions): void {
  ctx.clearRect(0, 0, width, height);
  const n = histograms.length;
  if (n === 0) return;
  const peak = ridgeHeight * height;
  const offset = n > 1 ? (height - peak - 2) / (n - 1) : 0;
  const span = range.max - range.min || 1;
  const x = (v: number) => ((v - range.min) / span) * (width - 2) + 1;
  histograms.forEach((h, i) => {
    const base = peak + 1 + i * offset;
    const most = Math.max(1, ...h.counts);
    const bins = h.counts.length;
    const binWidth = (h.max - h.min) / bins;
    // Newer outlines are darker: the stack reads as time going down.
    const shade = n > 1 ? i / (n - 1) : 1;
    ctx.beginPath();
    ctx.moveTo(x(h.min), base);
    for (let b = 0; b < bins; b++) {
      const centre = binWidth === 0 ? h.min : h.min + (b + 0.5) * binWidth;
      ctx.lineTo(x(centre), base - (h.counts[b] / most) * peak);
    }
    ctx.lineTo(x(h.max), base);
    ctx.closePath();
    ctx.fillStyle = `rgba(230, 120, 40, ${0.08 + 0.25 * shade})`;
    ctx.fill();
    ctx.strokeStyle = `rgba(150, 60, 10, ${0.35 + 0.65 * shade})`;
    ctx.lineWidth = 1;
    ctx.stroke();
  });
}
