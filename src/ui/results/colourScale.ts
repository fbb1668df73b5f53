// The confusion matrix's sequential colour scale (ColorBrewer "Blues"): light for few images, dark for many.
// One hue from light to dark reads as "more" in any culture and survives colour-blindness and greyscale.

export const SCALE_STOPS = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
const STOPS_RGB = SCALE_STOPS.map(rgb);

/** The colour of a value t in [0, 1], interpolated between the stops. */
export function scaleColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS_RGB.length - 1);
  const i = Math.min(STOPS_RGB.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS_RGB[i], STOPS_RGB[i + 1]];
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Text on a cell of value t: white once the cell is dark enough that black would not read. */
export const scaleTextColour = (t: number) => (t > 0.55 ? '#ffffff' : '#1f2933');

/** The CSS gradient of the legend, the same stops left to right. */
export const SCALE_GRADIENT = `linear-gradient(to right, ${SCALE_STOPS.join(', ')})`;
