// Which class the model predicts for each image, and where the true class ranks among its probabilities.
// Probabilities are N×K row-major (image i's class c at i × K + c), as ModelEvaluation carries them.

/** Checks that labels and probabilities describe the same N images over `classes` classes. */
export function checkShapes(labels: Uint8Array, probabilities: Float32Array, classes: number): void {
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a whole number ≥ 1, not ${classes}`);
  if (probabilities.length !== labels.length * classes) {
    throw new RangeError(`${labels.length} labels × ${classes} classes need ${labels.length * classes} probabilities, not ${probabilities.length}`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classes) throw new RangeError(`label ${labels[i]} of image ${i} is not below the ${classes} classes`);
  }
}

/** A probability as the rankings compare it: NaN (a broken model's output) below every number. */
const score = (p: number) => (Number.isNaN(p) ? -Infinity : p);

/**
 * The predicted class of each image: the one with the highest probability. A tie goes to the lowest class
 * index (as numpy's and tfjs's argmax do), so the prediction never depends on anything but the numbers.
 */
export function predictedClasses(probabilities: Float32Array, classes: number): Uint8Array {
  const n = probabilities.length / classes;
  const predicted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    let best = 0;
    let bestP = score(probabilities[row]);
    for (let c = 1; c < classes; c++) {
      const p = score(probabilities[row + c]);
      if (p > bestP) {
        best = c;
        bestP = p;
      }
    }
    predicted[i] = best;
  }
  return predicted;
}

/**
 * The rank (0 = top) of class `c` in row `i`, with the same tie rule as predictedClasses: classes with a
 * higher probability, plus tied ones with a lower index, come first. So rank 0 is exactly "predicted".
 */
export function rankOf(probabilities: Float32Array, classes: number, i: number, c: number): number {
  const row = i * classes;
  const p = score(probabilities[row + c]);
  let rank = 0;
  for (let d = 0; d < classes; d++) {
    if (d === c) continue;
    const q = score(probabilities[row + d]);
    if (q > p || (q === p && d < c)) rank++;
  }
  return rank;
}

/**
 * Top-k accuracy: the share of images whose true class is among the k most probable (ties as above).
 * k ≥ classes gives 1. Null for no images (undefined).
 */
export function topKAccuracy(labels: Uint8Array, probabilities: Float32Array, classes: number, k: number): number | null {
  if (labels.length === 0) return null;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (rankOf(probabilities, classes, i, labels[i]) < k) hits++;
  return hits / labels.length;
}

export interface ClassProbability {
  classIndex: number;
  probability: number;
}

/** The k most probable classes of image i, most probable first (ties: lower index first). */
export function topClasses(probabilities: Float32Array, classes: number, i: number, k: number): ClassProbability[] {
  const row = i * classes;
  const all: ClassProbability[] = [];
  for (let c = 0; c < classes; c++) all.push({ classIndex: c, probability: probabilities[row + c] });
  // Array#sort is stable, so equal probabilities keep the lower index first.
  all.sort((a, b) => score(b.probability) - score(a.probability) || 0);
  return all.slice(0, Math.min(k, classes));
}
