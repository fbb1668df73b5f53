import { rng } from '../../src/engine/data/random';
import type { LabelledImages } from '../../src/engine/train/trainer';

/** `count` seeded random uint8 images of `pixels` values each, with labels in [0, classes): data for trainer tests. */
export function randomImages(count: number, pixels: number, classes: number, seed: number): LabelledImages {
  const r = rng(seed, 'images');
  return { images: Uint8Array.from({ length: count * pixels }, () => Math.floor(r() * 256)), labels: Uint8Array.from({ length: count }, () => Math.floor(r() * classes)) };
}
