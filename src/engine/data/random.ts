import seedrandom from 'seedrandom';

/** A seeded generator in [0, 1); named streams keep shuffles independent of each other. */
export function rng(seed: number, stream: string): () => number {
  return seedrandom(`${seed}:${stream}`);
}

/** Fisher–Yates, in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, random: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
