import { imageSize } from './dataset';
import type { DatasetManifest, SplitManifest } from './manifest';

// Prepared files are checked against their manifest before the app trains on them: a label outside the
// classes or a file cut short would otherwise surface much later as a confusing error deep in training
// (or, worse, as training on wrong values). Each problem names the file, as the repository holds it, so
// whoever prepared the data knows what to look at.

/** Where `npm run datasets` writes a prepared file, as a developer sees it in the repository. */
export function preparedPath(id: string, file: string): string {
  return `public/datasets/${id}/${file}`;
}

/** A prepared file that does not match its manifest (or is not there). */
export class DatasetFileError extends Error {
  constructor(
    /** The file as preparedPath gives it. */
    readonly file: string,
    /** What is wrong with it, without the fix. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetFileError';
  }
}

const n = (x: number) => x.toLocaleString('en-US');
const imageCount = (x: number) => `${n(x)} image${x === 1 ? '' : 's'}`;

/** What is wrong with a manifest that parsed (facts that contradict each other), or null. */
export function manifestProblem(manifest: DatasetManifest, id: string): string | null {
  if (manifest.id !== id) return `it describes ${manifest.id}, not ${id}`;
  const classes = manifest.classNames.length;
  if (classes > 256) return `${classes} classes do not fit the uint8 labels`;
  for (const which of ['train', 'test'] as const) {
    const counts = manifest[which].classCounts;
    if (counts.length === 0) continue; // optional: older or hand-made manifests leave them out
    if (counts.length !== classes) return `${which}.classCounts has ${counts.length} entries for ${classes} classes`;
    const sum = counts.reduce((a, b) => a + b, 0);
    if (sum !== manifest[which].count) return `${which}.classCounts add up to ${n(sum)}, but ${which}.count is ${n(manifest[which].count)}`;
  }
  return null;
}

/** Throws DatasetFileError for the first way the split's bytes disagree with the manifest. */
export function verifySplit(manifest: DatasetManifest, which: 'train' | 'test', images: Uint8Array, labels: Uint8Array): void {
  const split: SplitManifest = manifest[which];
  const imagesFile = preparedPath(manifest.id, split.images);
  const labelsFile = preparedPath(manifest.id, split.labels);
  const size = imageSize(manifest);
  const expected = split.count * size;
  const unpacked = manifest.encoding ? ' once decompressed' : '';
  if (images.length !== expected) {
    const shape = manifest.imageShape.join('×');
    const how = images.length < expected ? 'cut short' : 'too long';
    throw new DatasetFileError(
      imagesFile,
      `${n(images.length)} bytes${unpacked}, but ${n(split.count)} images of ${shape} take ${n(expected)} (the file is ${how})`,
    );
  }
  if (labels.length !== split.count) {
    throw new DatasetFileError(labelsFile, `${n(labels.length)} labels, but the manifest says ${n(split.count)} images`);
  }
  const classes = manifest.classNames.length;
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    // i is the image's index, which is also the label's byte offset in the file.
    if (labels[i] >= classes) throw new DatasetFileError(labelsFile, `label ${labels[i]} at image ${i} is not below the ${classes} classes`);
    counts[labels[i]]++;
  }
  if (split.classCounts.length === 0) return;
  const c = counts.findIndex((count, k) => count !== split.classCounts[k]);
  if (c >= 0) {
    throw new DatasetFileError(
      labelsFile,
      `class ${c} (${manifest.classNames[c]}) has ${imageCount(counts[c])} here, but the manifest says ${n(split.classCounts[c])}`,
    );
  }
}
