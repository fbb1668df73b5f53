import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../../src/engine/data/formats/formatError';
import { CIFAR_RECORD_BYTES } from '../../../src/engine/data/formats/cifar';
import { fileKind, pairIdxFiles } from '../../../src/engine/data/ownImport';
import {
  OWN_LIMITS,
  addClass,
  addImages,
  classFromPath,
  convertImage,
  deleteClass,
  deleteImage,
  imagesFromCifar,
  imagesFromIdx,
  newOwnDataset,
  ownDatasetArrays,
  readOwnDataset,
  renameClass,
  trainingProblems,
  type OwnDataset,
  type OwnImage,
} from '../../../src/engine/data/userDatasets';
import { storageFailure } from '../../../src/state/ownDatasetStorage';
import { restore } from '../../../src/experiment/restore';
import { runRecordSchema } from '../../../src/state/runRecord';

const GREY = 28 * 28;

/** `n` grey images of class `className`, each filled with its own value so tests can tell them apart. */
function images(className: string, n: number, first = 0): OwnImage[] {
  return Array.from({ length: n }, (_, i) => ({ className, source: `${className}/${first + i}.png`, pixels: new Uint8Array(GREY).fill(first + i) }));
}

function build(...classes: [string, number][]): OwnDataset {
  const r = addImages(newOwnDataset('test', 'grey28', 'own-test', 0), classes.flatMap(([c, n]) => images(c, n)));
  if (!r.ok) throw new Error(r.problem.code);
  return r.dataset;
}

/** An RGBA image whose left half is `left` and right half `right` (RGB), opaque. */
function halves(width: number, height: number, left: number[], right: number[], alpha = 255) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x < width / 2 ? left : right;
      data.set([...c, alpha], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

function idxImages(count: number, rows: number, cols: number, fill: (i: number) => number): Uint8Array {
  const b = new Uint8Array(16 + count * rows * cols);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x803);
  v.setUint32(4, count);
  v.setUint32(8, rows);
  v.setUint32(12, cols);
  for (let i = 0; i < count; i++) b.fill(fill(i), 16 + i * rows * cols, 16 + (i + 1) * rows * cols);
  return b;
}

function idxLabels(labels: number[]): Uint8Array {
  const b = new Uint8Array(8 + labels.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x801);
  v.setUint32(4, labels.length);
  b.set(labels, 8);
  return b;
}

const thrown = (fn: () => unknown): SourceFormatError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SourceFormatError);
    return e as SourceFormatError;
  }
  throw new Error('it did not throw');
};

describe('the class of a file from its folder', () => {
  it('is the folder the file sits in', () => {
    expect(classFromPath('roses/1.png')).toBe('roses');
    expect(classFromPath('flowers/roses/1.png')).toBe('roses');
    expect(classFromPath('flowers\\tulips\\2.jpg')).toBe('tulips');
  });
  it('is unknown for a file on its own', () => {
    expect(classFromPath('1.png')).toBeNull();
    expect(classFromPath('')).toBeNull();
  });
});

describe('converting images', () => {
  it('to 28×28 grey keeps which half is dark, as ink (high) on paper (0), with no digit framing', () => {
    const px = convertImage(halves(56, 56, [0, 0, 0], [255, 255, 255]), 'grey28');
    expect(px.length).toBe(GREY);
    for (let y = 0; y < 28; y++) {
      expect(px[y * 28 + 0]).toBe(255);
      expect(px[y * 28 + 13]).toBe(255);
      expect(px[y * 28 + 14]).toBe(0);
      expect(px[y * 28 + 27]).toBe(0);
    }
    // Area averaging: a mid-grey photo is mid-grey ink.
    expect(convertImage(halves(56, 56, [102, 102, 102], [102, 102, 102]), 'grey28')[0]).toBe(153);
  });
  it('to 32×32 colour keeps the colours, channels last', () => {
    const px = convertImage(halves(64, 64, [255, 0, 0], [0, 0, 255]), 'colour32');
    expect(px.length).toBe(32 * 32 * 3);
    expect([...px.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect([...px.subarray(31 * 3, 32 * 3)]).toEqual([0, 0, 255]);
  });
  it('crops a wide photo to its centre square instead of squashing it', () => {
    // 112×56: the outer quarters are black, the centre square is white on its left and black on its right.
    const data = new Uint8ClampedArray(112 * 56 * 4);
    for (let y = 0; y < 56; y++) for (let x = 0; x < 112; x++) data.set(x >= 28 && x < 56 ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * 112 + x) * 4);
    const px = convertImage({ width: 112, height: 56, data }, 'grey28');
    expect(px[0]).toBe(0);
    expect(px[27]).toBe(255);
  });
  it('shows transparent parts over white (paper), as the page shows them', () => {
    const px = convertImage(halves(28, 28, [0, 0, 0], [0, 0, 0], 0), 'grey28');
    expect(px.every((v) => v === 0)).toBe(true);
    expect(convertImage(halves(32, 32, [0, 0, 0], [0, 0, 0], 0), 'colour32').every((v) => v === 255)).toBe(true);
  });
});

describe('building a dataset', () => {
  it('makes classes in the order first met and keeps each image with its source', () => {
    const d = build(['cats', 3], ['dogs', 2]);
    expect(d.classes.map((c) => [c.name, c.sources.length])).toEqual([['cats', 3], ['dogs', 2]]);
    expect(d.classes[1].images[GREY]).toBe(1);
    expect(d.classes[1].sources[1]).toBe('dogs/1.png');
  });

  it('refuses more classes than the limit, adding nothing', () => {
    const d = build(['a', 1]);
    const more = Array.from({ length: OWN_LIMITS.maxClasses }, (_, i) => images(`c${i}`, 1)).flat();
    const r = addImages(d, more);
    expect(r).toEqual({ ok: false, problem: { code: 'tooManyClasses', found: OWN_LIMITS.maxClasses + 1, max: OWN_LIMITS.maxClasses } });
    expect(d.classes).toHaveLength(1);
    expect(addClass(build(...Array.from({ length: 20 }, (_, i) => [`c${i}`, 1] as [string, number])), 'x')).toMatchObject({ ok: false, problem: { code: 'tooManyClasses' } });
  });

  it('refuses more images than the limit, adding nothing', () => {
    const d = build(['a', 10]);
    const r = addImages(d, images('b', OWN_LIMITS.maxImages - 9));
    expect(r).toEqual({ ok: false, problem: { code: 'tooManyImages', found: OWN_LIMITS.maxImages + 1, max: OWN_LIMITS.maxImages } });
    expect(d.classes[0].sources).toHaveLength(10);
  });

  it('renames and deletes classes, refusing an empty or taken name', () => {
    const d = build(['a', 2], ['b', 2]);
    expect(renameClass(d, 0, '  ')).toEqual({ ok: false, problem: { code: 'emptyName' } });
    expect(renameClass(d, 0, 'b')).toEqual({ ok: false, problem: { code: 'duplicateClass', name: 'b' } });
    expect(renameClass(d, 0, 'x'.repeat(41))).toMatchObject({ ok: false, problem: { code: 'nameTooLong' } });
    const renamed = renameClass(d, 0, ' apples ');
    expect(renamed.ok && renamed.dataset.classes.map((c) => c.name)).toEqual(['apples', 'b']);
    expect(deleteClass(d, 0).classes.map((c) => c.name)).toEqual(['b']);
  });

  it('deletes one image, its pixels and its source', () => {
    const d = build(['a', 3]);
    const after = deleteImage(d, 0, 1);
    expect(after.classes[0].sources).toEqual(['a/0.png', 'a/2.png']);
    expect([after.classes[0].images[0], after.classes[0].images[GREY]]).toEqual([0, 2]);
    expect(d.classes[0].sources).toHaveLength(3); // the dataset before is untouched
  });
});

describe('what a dataset needs before training', () => {
  it('at least 2 classes', () => {
    expect(trainingProblems(build(['only', 12]))).toEqual([{ code: 'fewClasses', found: 1, min: 2 }]);
  });
  it('at least 10 images in every class, for the split', () => {
    expect(trainingProblems(build(['a', 12], ['b', 9]))).toEqual([{ code: 'classTooSmall', className: 'b', found: 9, min: 10 }]);
    expect(trainingProblems(build(['a', 10], ['b', 10]))).toEqual([]);
    expect(() => ownDatasetArrays(build(['a', 12], ['b', 9]))).toThrow(/classTooSmall/);
  });
});

describe('the split of an own dataset', () => {
  it('keeps 1 in 5 of each class for testing, the same every time', () => {
    const d = build(['a', 10], ['b', 23]);
    const arrays = ownDatasetArrays(d);
    expect(arrays.test.count).toBe(2 + 4);
    expect(arrays.train.count).toBe(8 + 19);
    expect(arrays.manifest.test.classCounts).toEqual([2, 4]);
    expect(arrays.manifest.imageShape).toEqual([28, 28, 1]);
    expect(arrays.manifest.classNames).toEqual(['a', 'b']);
    // Each image lands in one split only: the fill values of class b (0…22) are all there once.
    const valuesOf = (split: typeof arrays.train, label: number) =>
      Array.from({ length: split.count }, (_, i) => i).filter((i) => split.labels[i] === label).map((i) => split.images[i * GREY]);
    expect([...valuesOf(arrays.train, 1), ...valuesOf(arrays.test, 1)].sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(ownDatasetArrays(d).test.images).toEqual(arrays.test.images);
  });
});

describe('IDX and CIFAR-10 files', () => {
  it('an IDX pair becomes classes named by their labels, resized to the input', () => {
    const imgs = imagesFromIdx(idxImages(3, 14, 14, (i) => i * 100), 'a-images', idxLabels([0, 1, 1]), 'a-labels', 'grey28');
    expect(imgs.map((i) => i.className)).toEqual(['0', '1', '1']);
    expect(imgs[2].pixels.length).toBe(GREY);
    expect(imgs[2].pixels[400]).toBe(200);
  });
  it('a corrupt IDX file is named with what is wrong', () => {
    const bad = idxImages(2, 28, 28, () => 0);
    bad[3] = 0x01;
    expect(thrown(() => imagesFromIdx(bad, 'x-images-idx3-ubyte', idxLabels([0, 1]), 'x-labels', 'grey28')).message).toMatch(/^x-images-idx3-ubyte: bad magic number/);
    const short = idxImages(2, 28, 28, () => 0).subarray(0, 100);
    expect(thrown(() => imagesFromIdx(short, 'x-images', idxLabels([0, 1]), 'x-labels', 'grey28')).message).toMatch(/^x-images: truncated/);
    expect(thrown(() => imagesFromIdx(idxImages(2, 28, 28, () => 0), 'x-images', idxLabels([0, 1, 1]), 'x-labels', 'grey28')).message).toMatch(/^x-images: image\/label count mismatch: 2 images but x-labels has 3 labels/);
  });
  it('a CIFAR batch becomes CIFAR-10 classes; a corrupt one is named with what is wrong', () => {
    const batch = new Uint8Array(2 * CIFAR_RECORD_BYTES);
    batch[0] = 3;
    batch[CIFAR_RECORD_BYTES] = 9;
    batch.fill(255, CIFAR_RECORD_BYTES + 1, CIFAR_RECORD_BYTES + 1 + 1024); // record 1: red plane full
    const imgs = imagesFromCifar(batch, 'data_batch_1.bin', 'colour32');
    expect(imgs.map((i) => i.className)).toEqual(['cat', 'truck']);
    expect([...imgs[1].pixels.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect(imagesFromCifar(batch, 'b.bin', 'grey28')[1].pixels[0]).toBe(Math.round((1 - 0.299) * 255));
    expect(thrown(() => imagesFromCifar(batch.subarray(1), 'cut.bin', 'colour32')).message).toMatch(/^cut\.bin: wrong size: 6145 bytes is not a positive multiple of the 3073-byte record size/);
    batch[0] = 10;
    expect(thrown(() => imagesFromCifar(batch, 'bad.bin', 'colour32')).message).toBe('bad.bin: label out of range in record 0: 10 (expected 0–9)');
  });
  it('files are told apart by their bytes, and IDX files paired by name', () => {
    expect(fileKind('anything', idxImages(1, 2, 2, () => 0), 20)).toBe('idx-images');
    expect(fileKind('anything', idxLabels([1]), 9)).toBe('idx-labels');
    expect(fileKind('data_batch_1.bin', new Uint8Array(4), CIFAR_RECORD_BYTES * 3)).toBe('cifar');
    expect(fileKind('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 1000)).toBe('image');
    expect(fileKind('notes.txt', new TextEncoder().encode('hello'), 5)).toBe('image'); // the image check then refuses it
    const f = (name: string) => ({ name });
    const { pairs, unpaired } = pairIdxFiles([f('train-images-idx3-ubyte'), f('t10k-images-idx3-ubyte')], [f('t10k-labels-idx1-ubyte.gz'), f('train-labels-idx1-ubyte')]);
    expect(pairs.map((p) => [p.images.name, p.labels.name])).toEqual([['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'], ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte.gz']]);
    expect(unpaired).toEqual([]);
    expect(pairIdxFiles([f('a-images'), f('b-images')], []).unpaired.map((u) => u.name)).toEqual(['a-images', 'b-images']);
  });
});

describe('what storage gives back and says', () => {
  it('a stored record is read through a gate that checks its bytes', () => {
    const d = build(['a', 2]);
    expect(readOwnDataset(structuredClone(d))).toMatchObject({ ok: true });
    const damaged = { ...d, classes: [{ ...d.classes[0], images: d.classes[0].images.subarray(1) }] };
    expect(readOwnDataset(damaged)).toEqual({ ok: false, detail: `class a: ${2 * GREY - 1} bytes for 2 images of 28×28×1` });
    expect(readOwnDataset({ ...d, version: 2 })).toMatchObject({ ok: false });
  });
  it('a full quota is told apart from other failures', () => {
    expect(storageFailure(new DOMException('full', 'QuotaExceededError')).problem).toEqual({ code: 'quota' });
    expect(storageFailure(new DOMException('nope', 'InvalidStateError')).problem).toEqual({ code: 'storage', detail: 'InvalidStateError: nope' });
  });
});

describe('own dataset ids in experiments and runs', () => {
  it('an experiment naming an own dataset restores it (its presence is checked when it opens)', () => {
    expect(restore({ version: 1, dataset: 'own-abc123' }, 'link').experiment.dataset).toBe('own-abc123');
    const bad = restore({ version: 1, dataset: 'own-' }, 'link');
    expect(bad.experiment.dataset).toBe('mnist');
    expect(bad.problems[0]).toMatchObject({ code: 'unknownChoice', setting: 'dataset' });
  });
  it('a saved run on an own dataset reads back', () => {
    const shape = runRecordSchema.shape.datasetId;
    expect(shape.safeParse('own-abc123').success).toBe(true);
    expect(shape.safeParse('cifar10').success).toBe(true);
    expect(shape.safeParse('own-ABC').success).toBe(false);
  });
});
