// Bagging's prediction: the members' class probabilities averaged image by image (soft voting), then the
// most probable class. Pure functions over flat N×K arrays, so they test without tensors.

/** The element-wise mean of the members' N×K probability arrays. */
export function averageProbabilities(members: readonly Float32Array[]): Float32Array {
  if (members.length === 0) throw new Error('an ensemble needs at least one member');
  const size = members[0].length;
  const bad = members.findIndex((m) => m.length !== size);
  if (bad >= 0) throw new Error(`member ${bad + 1} gave ${members[bad].length} probabilities, member 1 gave ${size}: they were evaluated on different images`);
  const out = new Float32Array(size);
  for (const m of members) for (let i = 0; i < size; i++) out[i] += m[i];
  for (let i = 0; i < size; i++) out[i] /= members.length;
  return out;
}

/** Share of images whose most probable class (the first on ties) is their label. */
export function accuracyOf(labels: ArrayLike<number>, probabilities: Float32Array, numClasses: number): number {
  if (probabilities.length !== labels.length * numClasses) {
    throw new Error(`${probabilities.length} probabilities do not make ${labels.length} images × ${numClasses} classes`);
  }
  if (labels.length === 0) return 0;
  let right = 0;
  for (let n = 0; n < labels.length; n++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probabilities[n * numClasses + c] > probabilities[n * numClasses + best]) best = c;
    if (best === labels[n]) right++;
  }
  return right / labels.length;
}

export interface EnsembleEvaluation {
  /** Each member's test accuracy, in the order asked. */
  members: { runId: string; accuracy: number }[];
  /** Test accuracy of the averaged probabilities. */
  accuracy: number;
  images: number;
}
