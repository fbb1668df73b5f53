import { describe, expect, it } from 'vitest';
import { SURFACES, SURFACE_IDS } from '../../../src/engine/paths/surfaces';
import { contourRings } from '../../../src/ui/paths/contourRings';
import { plotGeometry, toData } from '../../../src/ui/paths/geometry';

describe('contour lines', () => {
  it.each(SURFACE_IDS)('%s: every point of every contour lies where f equals its level', (id) => {
    const surface = SURFACES[id];
    const g = plotGeometry(surface.view);
    const levels = contourRings(id, g.width, g.height);
    expect(levels.map((l) => l.level)).toEqual(surface.levels);
    const errors: number[] = [];
    for (const level of levels) {
      expect(level.coords.length).toBe(2 * level.ringSizes.reduce((a, b) => a + b, 0));
      for (let k = 0; k < level.coords.length; k += 2) {
        const [x, y] = toData(g, level.coords[k], level.coords[k + 1]);
        // Points on the window's edge close rings around regions cut off by it; f there is only above the level.
        const edge = Math.min(level.coords[k], level.coords[k + 1], g.width - level.coords[k], g.height - level.coords[k + 1]) < 2;
        if (!edge) errors.push(Math.abs(surface.value(x, y) - level.level) / Math.max(1, Math.abs(level.level)));
      }
    }
    errors.sort((a, b) => a - b);
    expect(errors.length).toBeGreaterThan(500);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.01); // linear interpolation between grid samples
    expect(errors[Math.floor(errors.length * 0.95)]).toBeLessThan(0.1);
  });
});
