// Small fixed evaluations whose metrics are worked out by hand in the tests.

/** Rows of probabilities → the N×K row-major Float32Array a ModelEvaluation carries. */
export function probs(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

/**
 * A: 3 classes, 2 images each; class 2 is never predicted.
 *   image  true  probabilities      predicted
 *   0      0     .7  .2  .1         0 ✓
 *   1      0     .4  .5  .1         1
 *   2      1     .1  .8  .1         1 ✓
 *   3      1     .6  .3  .1         0
 *   4      2     .2  .5  .3         1
 *   5      2     .5  .2  .3         0
 * Confusion (rows true, columns predicted): [1 1 0; 1 1 0; 1 1 0].
 */
export const A = {
  classes: 3,
  labels: Uint8Array.from([0, 0, 1, 1, 2, 2]),
  probabilities: probs([
    [0.7, 0.2, 0.1],
    [0.4, 0.5, 0.1],
    [0.1, 0.8, 0.1],
    [0.6, 0.3, 0.1],
    [0.2, 0.5, 0.3],
    [0.5, 0.2, 0.3],
  ]),
};

/**
 * B: 4 classes; class 2 has no images but is predicted once; class 3 has no images and is never predicted.
 *   image  true  probabilities         predicted
 *   0      0     .6  .3  .1  0         0 ✓
 *   1      1     .2  .7  .1  0         1 ✓
 *   2      0     .2  .2  .6  0         2
 *   3      1     .3  .6  .1  0         1 ✓
 * Confusion: [1 0 1 0; 0 2 0 0; 0 0 0 0; 0 0 0 0].
 */
export const B = {
  classes: 4,
  labels: Uint8Array.from([0, 1, 0, 1]),
  probabilities: probs([
    [0.6, 0.3, 0.1, 0],
    [0.2, 0.7, 0.1, 0],
    [0.2, 0.2, 0.6, 0],
    [0.3, 0.6, 0.1, 0],
  ]),
};

/**
 * T: two classes with tied scores. Class 1's score per image (class 0's is 1 − it):
 *   image  0    1    2    3    4    5
 *   true   1    1    0    0    1    0
 *   score  .8   .5   .5   .2   .5   .9
 * Positives (true 1) score .8 .5 .5; negatives .5 .2 .9: a three-way tie at .5 of two positives and one negative.
 */
export const T = {
  classes: 2,
  labels: Uint8Array.from([1, 1, 0, 0, 1, 0]),
  probabilities: probs([0.8, 0.5, 0.5, 0.2, 0.5, 0.9].map((s) => [1 - s, s])),
};

/** A seeded pseudo-random generator (mulberry32), so the larger checks are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n images over k classes with softmax-like rows leaning towards the true class; `levels` > 0 rounds each
 * probability to that many steps, which makes many tied scores.
 */
export function randomEvaluation(n: number, k: number, seed: number, levels = 0): { labels: Uint8Array; probabilities: Float32Array; classes: number } {
  const rand = random(seed);
  const labels = new Uint8Array(n);
  const probabilities = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(rand() * k);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = Math.exp(3 * rand() + (c === labels[i] ? 2 : 0));
      probabilities[i * k + c] = v;
      sum += v;
    }
    for (let c = 0; c < k; c++) {
      const p = probabilities[i * k + c] / sum;
      probabilities[i * k + c] = levels > 0 ? Math.round(p * levels) / levels : p;
    }
  }
  return { labels, probabilities, classes: k };
}
