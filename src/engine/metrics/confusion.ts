// The confusion matrix: counts[t × K + p] is how many images of true class t were predicted as class p.

export interface ConfusionMatrix {
  classes: number;
  /** K×K row-major; row = true class, column = predicted class. */
  counts: Uint32Array;
  /** Per true class: its number of images (the row sums, i.e. the support). */
  rowTotals: Uint32Array;
  /** Per predicted class: how often it was predicted (the column sums). */
  columnTotals: Uint32Array;
  total: number;
}

export function confusionMatrix(labels: Uint8Array, predicted: Uint8Array, classes: number): ConfusionMatrix {
  if (labels.length !== predicted.length) throw new RangeError(`${labels.length} labels but ${predicted.length} predictions`);
  const counts = new Uint32Array(classes * classes);
  const rowTotals = new Uint32Array(classes);
  const columnTotals = new Uint32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = predicted[i];
    if (t >= classes || p >= classes) throw new RangeError(`image ${i}: class ${Math.max(t, p)} is not below the ${classes} classes`);
    counts[t * classes + p]++;
    rowTotals[t]++;
    columnTotals[p]++;
  }
  return { classes, counts, rowTotals, columnTotals, total: labels.length };
}

/**
 * Each row divided by its total: row t says how the images of class t were predicted (its diagonal cell is
 * class t's recall). A class with no images has no such shares: its row is null (the UI shows "—").
 */
export function rowNormalised(matrix: ConfusionMatrix): Array<Float64Array | null> {
  const { classes, counts, rowTotals } = matrix;
  const rows: Array<Float64Array | null> = [];
  for (let t = 0; t < classes; t++) {
    const total = rowTotals[t];
    if (total === 0) {
      rows.push(null);
      continue;
    }
    const row = new Float64Array(classes);
    for (let p = 0; p < classes; p++) row[p] = counts[t * classes + p] / total;
    rows.push(row);
  }
  return rows;
}

/** Positions (in the evaluation's order) of the images behind one cell, in that order. */
export function cellPositions(labels: Uint8Array, predicted: Uint8Array, trueClass: number, predictedClass: number): Int32Array {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === trueClass && predicted[i] === predictedClass) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === trueClass && predicted[i] === predictedClass) out[k++] = i;
  return out;
}
