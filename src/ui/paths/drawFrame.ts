import type { Surface } from '../../engine/paths/surfaces';
import type { PathsResult } from '../../engine/paths/trace';
import type { PathRow } from '../../state/paths';
import { toPixel, type PlotGeometry } from './geometry';

export interface FrameInput {
  g: PlotGeometry;
  /** The contours, once they are ready. */
  background: HTMLCanvasElement | null;
  dpr: number;
  surface: Surface;
  start: [number, number];
  rows: PathRow[];
  result: PathsResult | null;
  frame: number;
  labels: { minimum: string; saddle: string; start: string };
}

/** Vertices get a dot while a path has at most this many on screen, so step lengths can be read. */
const DOTS_UP_TO = 400;

/** One animation frame: the cached contours, then each path up to `frame`, its current point and the markers. */
export function drawFrame(ctx: CanvasRenderingContext2D, f: FrameInput): void {
  const { g } = f;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (f.background) ctx.drawImage(f.background, 0, 0);
  else {
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  }
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  drawMarker(ctx, f);

  const result = f.result && f.result.surface === f.surface.id ? f.result : null;
  result?.paths.forEach((path, i) => {
    const row = f.rows[i];
    if (!row || row.spec.type !== path.spec.type) return; // rows changed; a fresh trace is on its way
    const shown = path.points.slice(0, Math.min(f.frame, path.points.length - 1) + 1);
    const pixels = shown.map(([x, y]) => toPixel(g, x, y));
    ctx.strokeStyle = row.color;
    ctx.fillStyle = row.color;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    pixels.forEach(([px, py], k) => (k === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
    ctx.stroke();
    if (pixels.length <= DOTS_UP_TO) {
      for (const [px, py] of pixels) {
        ctx.beginPath();
        ctx.arc(px, py, 1.8, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    const [cx, cy] = pixels[pixels.length - 1];
    const ended = path.stopped && f.frame >= path.stopped.step;
    if (ended) drawCross(ctx, Math.max(6, Math.min(g.width - 6, cx)), Math.max(6, Math.min(g.height - 6, cy)), row.color);
    else {
      ctx.beginPath();
      ctx.arc(cx, cy, 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = 'white';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  });

  // The start point, where the next run begins (it moves at once on a click, before the trace returns).
  const [sx, sy] = toPixel(g, f.start[0], f.start[1]);
  ctx.beginPath();
  ctx.arc(sx, sy, 6.5, 0, 2 * Math.PI);
  ctx.strokeStyle = '#1f2933';
  ctx.lineWidth = 1.5;
  ctx.stroke();
  label(ctx, f.labels.start, sx, sy, g);
}

function drawMarker(ctx: CanvasRenderingContext2D, f: FrameInput): void {
  const [mx, my] = toPixel(f.g, f.surface.marker.point[0], f.surface.marker.point[1]);
  ctx.beginPath();
  if (f.surface.marker.kind === 'minimum') {
    for (let k = 0; k < 10; k++) {
      const r = k % 2 === 0 ? 8 : 3.5;
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      ctx.lineTo(mx + r * Math.cos(a), my + r * Math.sin(a));
    }
  } else {
    ctx.moveTo(mx, my - 7);
    ctx.lineTo(mx + 7, my);
    ctx.lineTo(mx, my + 7);
    ctx.lineTo(mx - 7, my);
  }
  ctx.closePath();
  ctx.fillStyle = '#ffd21f';
  ctx.fill();
  ctx.strokeStyle = '#3e2c00';
  ctx.lineWidth = 1;
  ctx.stroke();
  label(ctx, f.surface.marker.kind === 'minimum' ? f.labels.minimum : f.labels.saddle, mx, my, f.g);
}

function drawCross(ctx: CanvasRenderingContext2D, x: number, y: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(x - 5, y - 5);
  ctx.lineTo(x + 5, y + 5);
  ctx.moveTo(x + 5, y - 5);
  ctx.lineTo(x - 5, y + 5);
  ctx.stroke();
}

/** A small label beside a marker, on the side with room. */
function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, g: PlotGeometry): void {
  ctx.font = '11px system-ui, sans-serif';
  const w = ctx.measureText(text).width;
  const right = x + 10 + w < g.width;
  ctx.textAlign = right ? 'left' : 'right';
  ctx.textBaseline = 'middle';
  const tx = right ? x + 10 : x - 10;
  const ty = Math.max(8, Math.min(g.height - 8, y));
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.strokeText(text, tx, ty);
  ctx.fillStyle = '#1f2933';
  ctx.fillText(text, tx, ty);
}
