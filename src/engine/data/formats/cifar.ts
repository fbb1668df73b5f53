// CIFAR-10 binary batches (data_batch_N.bin, test_batch.bin): records of a label byte, then the R, G and B
// planes of a 32×32 image. The app wants channels last, so the planes are interleaved. Pure (no Node, no
// DOM): the set-up pipeline and the own-dataset import share it.
import { SourceFormatError } from './formatError';

export const CIFAR_SIDE = 32;
export const CIFAR_PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD_BYTES = 1 + 3 * CIFAR_PLANE;

export interface CifarSplit {
  count: number;
  /** count×32×32×3, channels last (HWC). */
  images: Uint8Array;
  labels: Uint8Array;
}

/** Converts concatenated CIFAR records (planar RGB) into labels and HWC pixels. */
export function parseCifarRecords(buf: Uint8Array, fileName: string, numClasses = 10): CifarSplit {
  if (buf.length === 0 || buf.length % CIFAR_RECORD_BYTES !== 0) {
    throw new SourceFormatError(
      fileName,
      `wrong size: ${buf.length} bytes is not a positive multiple of the ${CIFAR_RECORD_BYTES}-byte record size`,
    );
  }
  const count = buf.length / CIFAR_RECORD_BYTES;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * CIFAR_PLANE * 3);
  for (let i = 0; i < count; i++) {
    const rec = i * CIFAR_RECORD_BYTES;
    const label = buf[rec];
    if (label >= numClasses) {
      throw new SourceFormatError(fileName, `label out of range in record ${i}: ${label} (expected 0–${numClasses - 1})`);
    }
    labels[i] = label;
    const r = rec + 1;
    const g = r + CIFAR_PLANE;
    const b = g + CIFAR_PLANE;
    let o = i * CIFAR_PLANE * 3;
    for (let p = 0; p < CIFAR_PLANE; p++) {
      images[o++] = buf[r + p];
      images[o++] = buf[g + p];
      images[o++] = buf[b + p];
    }
  }
  return { count, images, labels };
}
