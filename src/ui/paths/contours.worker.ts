import * as Comlink from 'comlink';
import { contourRings } from './contourRings';

// Marching squares over a fine grid takes a few hundred milliseconds on a slow machine: here, not on
// the main thread. Plain TypeScript and d3-contour only, so this worker starts in no time.
const api = {
  rings(...args: Parameters<typeof contourRings>) {
    const levels = contourRings(...args);
    return Comlink.transfer(levels, levels.flatMap((l) => [l.coords.buffer, l.ringSizes.buffer]));
  },
};

export type ContourApi = typeof api;
Comlink.expose(api);
