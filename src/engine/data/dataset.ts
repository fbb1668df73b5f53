
/** One split as it sits in memory: uint8 images N×H×W×C and uint8 labels. */
export interface SplitArrays {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

/**
 * What training needs to know of a dataset: a built-in one's manifest has these (and checksums and sources
 * besides), an own dataset (userDatasets.ts) has only these.
 */
export interface DatasetFacts {
  id: string;
  name: string;
  imageShape: [number, number, number];
  classNames: string[];
  train: { count: number; classCounts: number[] };
  test: { count: number; classCounts: number[] };
}

export interface DatasetArrays {
  manifest: DatasetFacts;
  train: SplitArrays;
  test: SplitArrays;
}

export function imageSize(manifest: Pick<DatasetFacts, 'imageShape'>): number {
  const [h, w, c] = manifest.imageShape;
  return h * w * c;
}

/** Copies the images at `indices` into one contiguous buffer. */
export function gatherImages(split: SplitArrays, indices: ArrayLike<number>, size: number): Uint8Array {
  const out = new Uint8Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * size;
    out.set(split.images.subarray(from, from + size), i * size);
  }
  return out;
}

export function gatherLabels(split: SplitArrays, indices: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = split.labels[indices[i]];
  return out;
}

export function classHistogram(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
