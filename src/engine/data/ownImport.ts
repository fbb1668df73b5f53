import { CIFAR_RECORD_BYTES } from './formats/cifar';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, isGzip } from './formats/idx';

// What a dropped or chosen file is, from its first bytes (after gzip, for IDX files as LeCun's site serves
// them): an IDX images or labels file, a CIFAR-10 binary batch, or else an image (which the image decoder
// then checks). Names only pair IDX files; the bytes decide what a file is.

export type FileKind = 'idx-images' | 'idx-labels' | 'cifar' | 'image';

const be32 = (b: Uint8Array) => (b.length >= 4 ? ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3] : -1);

/** `head`: the first bytes (at least 4) of the file, decompressed where it was gzip; `size`: its whole length. */
export function fileKind(name: string, head: Uint8Array, size: number): FileKind {
  const magic = be32(head);
  if (magic === IDX_IMAGES_MAGIC) return 'idx-images';
  if (magic === IDX_LABELS_MAGIC) return 'idx-labels';
  // CIFAR batches have no magic: their name and a size of whole records say it.
  if (/\.bin$/i.test(name) && size > 0 && size % CIFAR_RECORD_BYTES === 0) return 'cifar';
  // A .bin of the wrong size is still meant as a CIFAR batch: the parser then says what is wrong with it.
  if (/\.bin$/i.test(name)) return 'cifar';
  if (/idx[13]-ubyte/i.test(name)) return /idx1/i.test(name) ? 'idx-labels' : 'idx-images';
  return 'image';
}

export { isGzip };

export interface IdxPair<T> {
  images: T;
  labels: T;
}

/**
 * Pairs IDX images files with their labels files: one of each goes together whatever their names; more are
 * matched by name ("train-images-idx3-ubyte" with "train-labels-idx1-ubyte"). Files left alone are returned
 * as `unpaired`.
 */
export function pairIdxFiles<T extends { name: string }>(images: T[], labels: T[]): { pairs: IdxPair<T>[]; unpaired: T[] } {
  if (images.length === 1 && labels.length === 1) return { pairs: [{ images: images[0], labels: labels[0] }], unpaired: [] };
  const key = (name: string) => name.toLowerCase().replace(/\.gz$/, '').replace(/images|labels|idx[13]/g, '');
  const left = [...labels];
  const pairs: IdxPair<T>[] = [];
  const unpaired: T[] = [];
  for (const image of images) {
    const i = left.findIndex((l) => key(l.name) === key(image.name));
    if (i < 0) unpaired.push(image);
    else pairs.push({ images: image, labels: left.splice(i, 1)[0] });
  }
  return { pairs, unpaired: [...unpaired, ...left] };
}
