// One class against the rest, at every threshold: how many positives (TP) and negatives (FP) score at or
// above it. The building block of the ROC and precision–recall curves.
//
// O(N log N): the positives' and the negatives' scores are sorted apart (a typed-array sort, native and
// without a comparator) and merged from the top. Tied scores form one threshold: all images with that score
// count at once, so on a ROC curve a tie of positives and negatives is one diagonal step, as it must be (a
// threshold cannot separate them).

export interface ThresholdCounts {
  /** The distinct scores, highest first. */
  thresholds: Float64Array;
  /** Positives scoring ≥ thresholds[k] (cumulative true positives). */
  tp: Float64Array;
  /** Negatives scoring ≥ thresholds[k] (cumulative false positives). */
  fp: Float64Array;
  positives: number;
  negatives: number;
}

/** The scores of class c for the images of class c (positives) and for all others (negatives). */
export function splitScores(labels: Uint8Array, probabilities: Float32Array, classes: number, c: number): { pos: Float32Array; neg: Float32Array } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) positives++;
  const pos = new Float32Array(positives);
  const neg = new Float32Array(labels.length - positives);
  let a = 0;
  let b = 0;
  for (let i = 0; i < labels.length; i++) {
    const s = probabilities[i * classes + c];
    // NaN (a broken model) as the lowest score: it neither sorts nor compares.
    const v = Number.isNaN(s) ? -Infinity : s;
    if (labels[i] === c) pos[a++] = v;
    else neg[b++] = v;
  }
  return { pos, neg };
}

/** The counts at every distinct score. Sorts `pos` and `neg` in place (splitScores makes them for this). */
export function thresholdCounts(pos: Float32Array, neg: Float32Array): ThresholdCounts {
  const p = pos.sort();
  const n = neg.sort();
  const cap = p.length + n.length;
  const thresholds = new Float64Array(cap);
  const tp = new Float64Array(cap);
  const fp = new Float64Array(cap);
  let i = p.length - 1;
  let j = n.length - 1;
  let k = 0;
  let tpc = 0;
  let fpc = 0;
  while (i >= 0 || j >= 0) {
    // The next threshold down is the larger of the two next scores; take every score equal to it.
    const s = i < 0 ? n[j] : j < 0 ? p[i] : Math.max(p[i], n[j]);
    while (i >= 0 && p[i] === s) {
      tpc++;
      i--;
    }
    while (j >= 0 && n[j] === s) {
      fpc++;
      j--;
    }
    thresholds[k] = s;
    tp[k] = tpc;
    fp[k] = fpc;
    k++;
  }
  // Views, not copies: the curves built from these are the only ones kept.
  return { thresholds: thresholds.subarray(0, k), tp: tp.subarray(0, k), fp: fp.subarray(0, k), positives: p.length, negatives: n.length };
}
