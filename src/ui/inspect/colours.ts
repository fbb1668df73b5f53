// Colour scales of the views inside the network, as RGB triples for putImageData and CSS gradients for legends.
// Activations: a sequential scale (viridis) from a layer's min to its max, so channels of one layer compare.
// Weights: a diverging scale, blue below 0, white at 0, red above, symmetric, so the sign reads at a glance.

type Rgb = [number, number, number];

const VIRIDIS: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
const DIVERGING: Rgb[] = [
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
];

function interpolate(stops: Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** t in [0, 1] of a value between min and max; a constant layer maps to 0.5, not a division by zero. */
export function unit(v: number, min: number, max: number): number {
  return max > min ? (v - min) / (max - min) : 0.5;
}

export const sequential = (t: number): Rgb => interpolate(VIRIDIS, t);

/** v against the symmetric range [−maxAbs, maxAbs]. */
export const diverging = (v: number, maxAbs: number): Rgb => interpolate(DIVERGING, maxAbs > 0 ? 0.5 + v / (2 * maxAbs) : 0.5);

const css = (stops: Rgb[]) => `linear-gradient(to right, ${stops.map((c) => `rgb(${c.join(',')})`).join(', ')})`;
export const SEQUENTIAL_GRADIENT = css(VIRIDIS);
export const DIVERGING_GRADIENT = css(DIVERGING);

/** CSS colour of a diverging value, for the explainer's numeric grids. */
export function divergingCss(v: number, maxAbs: number): string {
  const [r, g, b] = diverging(v, maxAbs);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}
