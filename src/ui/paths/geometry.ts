import type { ViewWindow } from '../../engine/paths/surfaces';

/** The plot's size in CSS pixels and the data window it shows; x grows right, y grows up. */
export interface PlotGeometry {
  width: number;
  height: number;
  view: ViewWindow;
}

const WIDTH = 560;

/** Equal scales on both axes where the window allows, so an ill-conditioned bowl looks as narrow as it is. */
export function plotGeometry(view: ViewWindow): PlotGeometry {
  const aspect = (view.yMax - view.yMin) / (view.xMax - view.xMin);
  return { width: WIDTH, height: Math.round(Math.min(Math.max(WIDTH * aspect, 240), WIDTH)), view };
}

/** Canvas coordinates of a data point, held within a wide margin so far-off points stay drawable. */
export function toPixel(g: PlotGeometry, x: number, y: number): [number, number] {
  const { xMin, xMax, yMin, yMax } = g.view;
  const px = ((x - xMin) / (xMax - xMin)) * g.width;
  const py = ((yMax - y) / (yMax - yMin)) * g.height;
  const limit = 10 * Math.max(g.width, g.height);
  const clamp = (v: number) => Math.max(-limit, Math.min(limit, v));
  return [clamp(px), clamp(py)];
}

export function toData(g: PlotGeometry, px: number, py: number): [number, number] {
  const { xMin, xMax, yMin, yMax } = g.view;
  return [xMin + (px / g.width) * (xMax - xMin), yMax - (py / g.height) * (yMax - yMin)];
}

/** A clicked point rounded to a tidy resolution (about 1/200 of the window), e.g. 0.01 on Rosenbrock's. */
export function tidyPoint(g: PlotGeometry, [x, y]: [number, number]): [number, number] {
  const span = Math.max(g.view.xMax - g.view.xMin, g.view.yMax - g.view.yMin);
  const unit = Math.pow(10, Math.floor(Math.log10(span / 200)));
  const round = (v: number) => Number((Math.round(v / unit) * unit).toFixed(Math.max(0, -Math.log10(unit))));
  return [round(x), round(y)];
}

/** Tick positions at 1, 2 or 5 × 10ᵏ, about `count` across [min, max]. */
export function ticks(min: number, max: number, count = 8): number[] {
  const raw = (max - min) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/** A value for display: 3 significant digits, exponent notation for very large or small magnitudes. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}
