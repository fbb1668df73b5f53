// IDX files (MNIST, Fashion-MNIST): big-endian header, then raw uint8 data. Pure functions over bytes (no
// Node, no DOM), so the set-up pipeline and the app's own-dataset import read the format the same way;
// decompressing (gzip) is each side's own business.
import { SourceFormatError } from './formatError';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count×rows×cols bytes, row-major, 0 = background. */
  pixels: Uint8Array;
}

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

function readHeader(buf: Uint8Array, fileName: string, magic: number, what: string, headerBytes: number): number[] {
  if (buf.length < headerBytes) {
    throw new SourceFormatError(fileName, `truncated: an IDX ${what} header needs ${headerBytes} bytes, found ${buf.length}`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    throw new SourceFormatError(
      fileName,
      `bad magic number: expected ${magic} (${hex(magic)}, IDX ${what}), found ${found} (${hex(found)})`,
    );
  }
  const fields: number[] = [];
  for (let off = 4; off < headerBytes; off += 4) fields.push(view.getUint32(off));
  return fields;
}

function checkSize(buf: Uint8Array, fileName: string, expected: number, detail: string): void {
  if (buf.length !== expected) {
    const problem = buf.length < expected ? 'truncated' : 'wrong size';
    throw new SourceFormatError(fileName, `${problem}: expected ${expected} bytes (${detail}), found ${buf.length}`);
  }
}

/** Parses an uncompressed IDX image file. */
export function readIdxImages(buf: Uint8Array, fileName: string): IdxImages {
  const [count, rows, cols] = readHeader(buf, fileName, IDX_IMAGES_MAGIC, 'images', 16);
  if (rows === 0 || cols === 0) throw new SourceFormatError(fileName, `bad image size ${rows}×${cols}`);
  checkSize(buf, fileName, 16 + count * rows * cols, `16-byte header + ${count} images of ${rows}×${cols}`);
  // A plain copy, so the result owns exactly its bytes (a Node Buffer may be a view of a larger, pooled one).
  return { count, rows, cols, pixels: new Uint8Array(buf.subarray(16)) };
}

/** Parses an uncompressed IDX label file; every label must be below numClasses. */
export function readIdxLabels(buf: Uint8Array, fileName: string, numClasses = 10): Uint8Array {
  const [count] = readHeader(buf, fileName, IDX_LABELS_MAGIC, 'labels', 8);
  checkSize(buf, fileName, 8 + count, `8-byte header + ${count} labels`);
  const labels = new Uint8Array(buf.subarray(8));
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new SourceFormatError(fileName, `label out of range at index ${i}: ${labels[i]} (expected 0–${numClasses - 1})`);
    }
  }
  return labels;
}

/** The two files of a split must describe the same number of examples. */
export function checkIdxPair(images: IdxImages, labels: Uint8Array, imagesFile: string, labelsFile: string): void {
  if (images.count !== labels.length) {
    throw new SourceFormatError(
      imagesFile,
      `image/label count mismatch: ${images.count} images but ${labelsFile} has ${labels.length} labels`,
    );
  }
}
