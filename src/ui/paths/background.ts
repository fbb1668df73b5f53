import * as Comlink from 'comlink';
import type { Surface } from '../../engine/paths/surfaces';
import type { ContourLevel } from './contourRings';
import type { ContourApi } from './contours.worker';
import { ticks, toPixel, type PlotGeometry } from './geometry';

// The still part of the plot: filled contour bands, contour lines and axis ticks. The contours are
// computed in a worker, drawn once per surface into an offscreen canvas that every animation frame
// copies, and kept for the page's lifetime, so switching back to a surface is free.

const LOW = [255, 255, 255];
const HIGH = [176, 196, 222];

let worker: Comlink.Remote<ContourApi> | null = null;
const cache = new Map<string, Promise<HTMLCanvasElement>>();

export function background(surface: Surface, g: PlotGeometry, dpr: number): Promise<HTMLCanvasElement> {
  const key = `${surface.id}@${g.width}×${g.height}@${dpr}`;
  let canvas = cache.get(key);
  if (!canvas) {
    worker ??= Comlink.wrap<ContourApi>(new Worker(new URL('./contours.worker.ts', import.meta.url), { type: 'module', name: 'contours' }));
    canvas = worker.rings(surface.id, g.width, g.height).then((levels) => draw(levels, g, dpr));
    canvas.catch(() => cache.delete(key)); // let a later attempt try again
    cache.set(key, canvas);
  }
  return canvas;
}

function band(k: number, count: number): string {
  const t = count > 1 ? k / (count - 1) : 0;
  const c = LOW.map((lo, i) => Math.round(lo + (HIGH[i] - lo) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function toPath(level: ContourLevel): Path2D {
  const path = new Path2D();
  let k = 0;
  for (const size of level.ringSizes) {
    for (let i = 0; i < size; i++, k += 2) {
      if (i === 0) path.moveTo(level.coords[k], level.coords[k + 1]);
      else path.lineTo(level.coords[k], level.coords[k + 1]);
    }
    path.closePath();
  }
  return path;
}

function draw(levels: ContourLevel[], g: PlotGeometry, dpr: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(g.width * dpr);
  canvas.height = Math.round(g.height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(dpr, dpr);
  const paths = levels.map(toPath);
  // Each level's region (f ≥ level) painted over the last, darker as f grows.
  ctx.fillStyle = band(0, paths.length + 1);
  ctx.fillRect(0, 0, g.width, g.height);
  paths.forEach((path, k) => {
    ctx.fillStyle = band(k + 1, paths.length + 1);
    ctx.fill(path, 'evenodd');
  });
  ctx.strokeStyle = 'rgba(90, 110, 140, 0.55)';
  ctx.lineWidth = 0.8;
  for (const path of paths) ctx.stroke(path);
  drawAxes(ctx, g);
  return canvas;
}

function drawAxes(ctx: CanvasRenderingContext2D, g: PlotGeometry): void {
  const { xMin, xMax, yMin, yMax } = g.view;
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#52606d';
  ctx.strokeStyle = 'rgba(82, 96, 109, 0.35)';
  ctx.lineWidth = 1;
  // The axes x = 0 and y = 0, faintly, where they are in view.
  ctx.beginPath();
  if (xMin < 0 && xMax > 0) {
    const [px] = toPixel(g, 0, 0);
    ctx.moveTo(px, 0);
    ctx.lineTo(px, g.height);
  }
  if (yMin < 0 && yMax > 0) {
    const [, py] = toPixel(g, 0, 0);
    ctx.moveTo(0, py);
    ctx.lineTo(g.width, py);
  }
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const x of ticks(xMin, xMax)) {
    const [px] = toPixel(g, x, yMin);
    if (px < 12 || px > g.width - 12) continue;
    ctx.fillRect(px - 0.5, g.height - 4, 1, 4);
    ctx.fillText(String(x), px, g.height - 5);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const y of ticks(yMin, yMax)) {
    const [, py] = toPixel(g, xMin, y);
    if (py < 10 || py > g.height - 16) continue;
    ctx.fillRect(0, py - 0.5, 4, 1);
    ctx.fillText(String(y), 6, py);
  }
}
