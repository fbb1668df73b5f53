// IDX files (MNIST, Fashion-MNIST) in Node: gzip is undone here, the format itself is read by the pure
// parser the app shares (src/engine/data/formats/idx.ts).
import { gunzipSync } from 'node:zlib';
import { SourceFormatError } from './errors';
import { isGzip, readIdxImages, readIdxLabels, type IdxImages } from '../src/engine/data/formats/idx';

export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, checkIdxPair, isGzip, type IdxImages } from '../src/engine/data/formats/idx';

/** Returns the buffer decompressed when it starts with the gzip magic, unchanged otherwise. */
export function gunzipIfNeeded(buf: Buffer, fileName: string): Buffer {
  if (!isGzip(buf)) return buf;
  try {
    return gunzipSync(buf);
  } catch (err) {
    throw new SourceFormatError(fileName, `corrupt gzip data (${(err as Error).message})`);
  }
}

/** Parses an IDX image file (gzipped or raw). */
export function parseIdxImages(input: Buffer, fileName: string): IdxImages {
  return readIdxImages(gunzipIfNeeded(input, fileName), fileName);
}

/** Parses an IDX label file (gzipped or raw); every label must be below numClasses. */
export function parseIdxLabels(input: Buffer, fileName: string, numClasses = 10): Uint8Array {
  return readIdxLabels(gunzipIfNeeded(input, fileName), fileName, numClasses);
}
