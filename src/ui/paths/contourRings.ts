import { contours } from 'd3-contour';
import { SURFACES, type Surface, type SurfaceId } from '../../engine/paths/surfaces';

/** Grid columns f is sampled at; marching squares interpolates between samples. */
const GRID = 160;

/** The rings of one contour level in canvas pixels: x, y pairs, ring after ring. */
export interface ContourLevel {
  level: number;
  coords: Float32Array;
  /** Points per ring. */
  ringSizes: Int32Array;
}

/** f on a grid of sample centres, row by row from the top (largest y) down, as d3-contour expects. */
export function sampleGrid(surface: Surface, columns: number, rows: number): Float64Array {
  const { xMin, xMax, yMin, yMax } = surface.view;
  const values = new Float64Array(columns * rows);
  for (let j = 0; j < rows; j++) {
    const y = yMax - ((j + 0.5) / rows) * (yMax - yMin);
    for (let i = 0; i < columns; i++) values[j * columns + i] = surface.value(xMin + ((i + 0.5) / columns) * (xMax - xMin), y);
  }
  return values;
}

/** Each contour level's boundary (where f crosses it) for a `width` × `height` pixel plot. */
export function contourRings(id: SurfaceId, width: number, height: number): ContourLevel[] {
  const surface = SURFACES[id];
  const columns = GRID;
  const rows = Math.max(2, Math.round((GRID * height) / width));
  const values = sampleGrid(surface, columns, rows);
  // d3 puts sample (i, j) at (i + ½, j + ½) of a columns × rows box, as sampleGrid does.
  const sx = width / columns;
  const sy = height / rows;
  return contours()
    .size([columns, rows])
    .thresholds(surface.levels)(values as unknown as number[]) // d3 only indexes it; a typed array does
    .map((geometry) => {
      const rings = geometry.coordinates.flat();
      const coords = new Float32Array(rings.reduce((n, r) => n + 2 * r.length, 0));
      let k = 0;
      for (const ring of rings) {
        for (const [u, v] of ring) {
          coords[k++] = u * sx;
          coords[k++] = v * sy;
        }
      }
      return { level: geometry.value, coords, ringSizes: Int32Array.from(rings, (r) => r.length) };
    });
}
