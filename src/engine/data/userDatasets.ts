import { z } from 'zod';
import { CATALOG, OWN_DATASET_ID, type OwnDatasetId } from './catalog';
import type { DatasetArrays } from './dataset';
import { rng, shuffleInPlace } from './random';
import { centreCrop, luminance, rgb, type RgbaImage } from '../input/imageInput';
import { resampleRegion } from '../input/resample';
import { checkIdxPair, readIdxImages, readIdxLabels } from './formats/idx';
import { parseCifarRecords } from './formats/cifar';

// A dataset the user makes in the app from their own images: classes of images, all converted to one input
// size, kept in IndexedDB (src/state/ownDatasetStorage.ts) and handed to the worker as the same arrays a
// built-in dataset gives. Pure: every change returns a new dataset or a problem, so a change that fails
// (a limit, a bad name) leaves what was there untouched, and the tests need no browser.

export type OwnInputSize = 'grey28' | 'colour32';

export const OWN_INPUT_SIZES: readonly OwnInputSize[] = ['grey28', 'colour32'];

export const OWN_SHAPES: Record<OwnInputSize, [number, number, number]> = { grey28: [28, 28, 1], colour32: [32, 32, 3] };

/**
 * The stated limits. 20 classes and 10,000 images keep a dataset a lesson's size (one CIFAR-10 batch or the
 * MNIST test file fits whole) and its copy in IndexedDB at most ~31 MB (colour). Each class needs 10 images:
 * 1 in 5 becomes a test image, so it has at least 2 to test on and 8 to train and validate on.
 */
export const OWN_LIMITS = { minClasses: 2, maxClasses: 20, maxImages: 10_000, minPerClass: 10, maxNameLength: 40 } as const;

/** One image in TEST_EVERY of each class goes to the test split (chosen by a seeded shuffle), the rest train. */
export const TEST_EVERY = 5;

export interface OwnClass {
  name: string;
  /** N×H×W×C uint8, the dataset's input size. */
  images: Uint8Array;
  /** Where each image came from (its file name, or file and index for IDX and CIFAR records). */
  sources: string[];
}

export const OWN_DATASET_VERSION = 1;

export interface OwnDataset {
  version: typeof OWN_DATASET_VERSION;
  id: OwnDatasetId;
  name: string;
  size: OwnInputSize;
  classes: OwnClass[];
  createdAt: number;
}

/** One converted image on its way into a dataset. */
export interface OwnImage {
  className: string;
  source: string;
  pixels: Uint8Array;
}

/** What is wrong, as data: the UI says it in its language (src/i18n/ownDatasetText.ts). */
export type OwnProblem =
  | { code: 'fewClasses'; found: number; min: number }
  | { code: 'classTooSmall'; className: string; found: number; min: number }
  | { code: 'tooManyClasses'; found: number; max: number }
  | { code: 'tooManyImages'; found: number; max: number }
  | { code: 'emptyName' }
  | { code: 'nameTooLong'; max: number }
  | { code: 'duplicateClass'; name: string }
  /** A file not inside a folder, added with no class chosen: its class is unknown. */
  | { code: 'noClass'; file: string }
  /** An IDX or CIFAR file the parser refused; `problem` is the parser's own (English) wording. */
  | { code: 'badFile'; file: string; problem: string }
  /** IDX images come in pairs with their labels: which one is missing. */
  | { code: 'idxPair'; file: string }
  | { code: 'quota' }
  | { code: 'storage'; detail: string };

export type OwnResult = { ok: true; dataset: OwnDataset } | { ok: false; problem: OwnProblem };

export const ownImageSize = (size: OwnInputSize): number => OWN_SHAPES[size].reduce((a, b) => a * b, 1);

export function imageCount(dataset: OwnDataset): number {
  return dataset.classes.reduce((n, c) => n + c.sources.length, 0);
}

/** A new id: "own-" and random letters and digits (never shared with another dataset on this machine). */
export function newOwnDatasetId(random: () => number = Math.random): OwnDatasetId {
  let s = '';
  for (let i = 0; i < 12; i++) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)];
  return `own-${s}`;
}

export function newOwnDataset(name: string, size: OwnInputSize, id: OwnDatasetId = newOwnDatasetId(), now = Date.now()): OwnDataset {
  return { version: OWN_DATASET_VERSION, id, name: name.trim() || 'My images', size, classes: [], createdAt: now };
}

/**
 * The class a file belongs to from its path in a dropped or chosen folder: the folder it sits in
 * ("flowers/roses/1.png" → "roses"). A file on its own has none (null).
 */
export function classFromPath(path: string): string | null {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2] : null;
}

/** A class name as typed or found, or why it cannot be one. */
export function checkClassName(name: string): { ok: true; name: string } | { ok: false; problem: OwnProblem } {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, problem: { code: 'emptyName' } };
  if (trimmed.length > OWN_LIMITS.maxNameLength) return { ok: false, problem: { code: 'nameTooLong', max: OWN_LIMITS.maxNameLength } };
  return { ok: true, name: trimmed };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Adds images, making the classes they name (in the order first met). All or nothing: past a limit nothing
 * is added, and the problem says how many there would have been.
 */
export function addImages(dataset: OwnDataset, images: readonly OwnImage[]): OwnResult {
  const size = ownImageSize(dataset.size);
  const classes = dataset.classes.map((c) => ({ ...c, parts: [c.images], sources: [...c.sources] }));
  for (const image of images) {
    if (image.pixels.length !== size) throw new Error(`an image of ${image.pixels.length} bytes does not fit ${OWN_SHAPES[dataset.size].join('×')}`);
    const checked = checkClassName(image.className);
    if (!checked.ok) return checked;
    let target = classes.find((c) => c.name === checked.name);
    if (!target) {
      target = { name: checked.name, images: new Uint8Array(0), parts: [], sources: [] };
      classes.push(target);
    }
    target.parts.push(image.pixels);
    target.sources.push(image.source);
  }
  if (classes.length > OWN_LIMITS.maxClasses) return { ok: false, problem: { code: 'tooManyClasses', found: classes.length, max: OWN_LIMITS.maxClasses } };
  const total = classes.reduce((n, c) => n + c.sources.length, 0);
  if (total > OWN_LIMITS.maxImages) return { ok: false, problem: { code: 'tooManyImages', found: total, max: OWN_LIMITS.maxImages } };
  const joined = classes.map(({ name, parts, sources }) => {
    const bytes = new Uint8Array(sources.length * size);
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    return { name, images: bytes, sources };
  });
  return { ok: true, dataset: { ...dataset, classes: joined } };
}

/** An empty class to fill later (add images class by class). */
export function addClass(dataset: OwnDataset, name: string): OwnResult {
  const checked = checkClassName(name);
  if (!checked.ok) return checked;
  if (dataset.classes.some((c) => c.name === checked.name)) return { ok: false, problem: { code: 'duplicateClass', name: checked.name } };
  if (dataset.classes.length >= OWN_LIMITS.maxClasses) return { ok: false, problem: { code: 'tooManyClasses', found: dataset.classes.length + 1, max: OWN_LIMITS.maxClasses } };
  return { ok: true, dataset: { ...dataset, classes: [...dataset.classes, { name: checked.name, images: new Uint8Array(0), sources: [] }] } };
}

export function renameClass(dataset: OwnDataset, index: number, name: string): OwnResult {
  const checked = checkClassName(name);
  if (!checked.ok) return checked;
  if (dataset.classes.some((c, i) => i !== index && c.name === checked.name)) return { ok: false, problem: { code: 'duplicateClass', name: checked.name } };
  return { ok: true, dataset: { ...dataset, classes: dataset.classes.map((c, i) => (i === index ? { ...c, name: checked.name } : c)) } };
}

export function deleteClass(dataset: OwnDataset, index: number): OwnDataset {
  return { ...dataset, classes: dataset.classes.filter((_, i) => i !== index) };
}

export function deleteImage(dataset: OwnDataset, classIndex: number, imageIndex: number): OwnDataset {
  const size = ownImageSize(dataset.size);
  return {
    ...dataset,
    classes: dataset.classes.map((c, i) =>
      i !== classIndex
        ? c
        : {
            ...c,
            images: concat(c.images.subarray(0, imageIndex * size), c.images.subarray((imageIndex + 1) * size)),
            sources: c.sources.filter((_, k) => k !== imageIndex),
          },
    ),
  };
}

/** Why the dataset cannot be trained on yet (empty when it can): too few classes, classes too small for the split. */
export function trainingProblems(dataset: OwnDataset): OwnProblem[] {
  const problems: OwnProblem[] = [];
  if (dataset.classes.length < OWN_LIMITS.minClasses) problems.push({ code: 'fewClasses', found: dataset.classes.length, min: OWN_LIMITS.minClasses });
  for (const c of dataset.classes) {
    if (c.sources.length < OWN_LIMITS.minPerClass) problems.push({ code: 'classTooSmall', className: c.name, found: c.sources.length, min: OWN_LIMITS.minPerClass });
  }
  return problems;
}

/**
 * The dataset as training and test splits, as a built-in dataset arrives: of each class one image in
 * TEST_EVERY (at least one) is a test image, chosen by a shuffle seeded with the class name, so the split stays
 * the same across reloads and adding images to one class leaves the others' splits alone.
 */
export function ownDatasetArrays(dataset: OwnDataset): DatasetArrays {
  const problems = trainingProblems(dataset);
  if (problems.length > 0) throw new Error(`the dataset cannot be trained on yet (${problems.map((p) => p.code).join(', ')})`);
  const size = ownImageSize(dataset.size);
  const train: number[][] = [];
  const test: number[][] = [];
  dataset.classes.forEach((c, k) => {
    const order = shuffleInPlace(Int32Array.from({ length: c.sources.length }, (_, i) => i), rng(0, `own-split:${c.name}`));
    const testCount = Math.max(1, Math.floor(c.sources.length / TEST_EVERY));
    for (let i = 0; i < order.length; i++) (i < testCount ? test : train).push([k, order[i]]);
  });
  const split = (picks: number[][]) => {
    const images = new Uint8Array(picks.length * size);
    const labels = new Uint8Array(picks.length);
    picks.forEach(([k, i], n) => {
      images.set(dataset.classes[k].images.subarray(i * size, (i + 1) * size), n * size);
      labels[n] = k;
    });
    return { count: picks.length, images, labels };
  };
  const counts = (picks: number[][]) => dataset.classes.map((_, k) => picks.filter(([c]) => c === k).length);
  return {
    manifest: {
      id: dataset.id,
      name: dataset.name,
      imageShape: OWN_SHAPES[dataset.size],
      classNames: dataset.classes.map((c) => c.name),
      train: { count: train.length, classCounts: counts(train) },
      test: { count: test.length, classCounts: counts(test) },
    },
    train: split(train),
    test: split(test),
  };
}

/** Values in [0, 1] → bytes 0–255. */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255);
  return out;
}

/**
 * Grey images follow the app's convention for grey data (MNIST's): ink is high, paper 0, and the explorer
 * shows them dark on light. So a photo's luminance is stored inverted: its thumbnails then look like the
 * photo, and a dark drawing on white paper reaches the model as MNIST's digits do.
 */
const greyOfLuma = (luma: number) => 1 - luma;

/**
 * Decoded pixels (any size) as the dataset's images: centre-cropped to a square and resized (area averaging
 * down, bilinear up), grey as inverted luminance (above). Unlike the draw pad there is no MNIST framing: the
 * user's images are what they are, and a class may differ from another just in where things are.
 */
export function convertImage(image: RgbaImage, size: OwnInputSize): Uint8Array {
  const [h, w, c] = OWN_SHAPES[size];
  const values = c === 3 ? rgb(image) : luminance(image).map(greyOfLuma);
  return toBytes(resampleRegion(values, image.width, c, centreCrop(image.width, image.height, w, h), w, h));
}

/**
 * uint8 H×W×C pixels of another size or channel count as the dataset's images: IDX images (grey, already ink
 * high) or CIFAR records (colour photos, whose grey is inverted luminance as for any photo).
 */
export function convertPixels(pixels: Uint8Array, height: number, width: number, channels: number, size: OwnInputSize): Uint8Array {
  const [h, w, c] = OWN_SHAPES[size];
  const n = height * width;
  let values: Float32Array;
  if (channels === c) values = Float32Array.from(pixels, (v) => v / 255);
  else if (channels === 1) {
    values = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) values[i * 3] = values[i * 3 + 1] = values[i * 3 + 2] = pixels[i] / 255;
  } else {
    values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = greyOfLuma((0.299 * pixels[i * 3] + 0.587 * pixels[i * 3 + 1] + 0.114 * pixels[i * 3 + 2]) / 255);
  }
  if (height === h && width === w) return toBytes(values);
  return toBytes(resampleRegion(values, width, c, centreCrop(width, height, w, h), w, h));
}

/**
 * The images of an IDX pair (uncompressed bytes): class names are the labels as numbers ("0" … "9"). Throws
 * SourceFormatError naming the file for anything the format does not allow.
 */
export function imagesFromIdx(imagesBytes: Uint8Array, imagesFile: string, labelsBytes: Uint8Array, labelsFile: string, size: OwnInputSize): OwnImage[] {
  const images = readIdxImages(imagesBytes, imagesFile);
  const labels = readIdxLabels(labelsBytes, labelsFile, 256);
  checkIdxPair(images, labels, imagesFile, labelsFile);
  const each = images.rows * images.cols;
  return Array.from(labels, (label, i) => ({
    className: String(label),
    source: `${imagesFile} #${i}`,
    pixels: convertPixels(images.pixels.subarray(i * each, (i + 1) * each), images.rows, images.cols, 1, size),
  }));
}

/** The records of a CIFAR-10 binary batch, classes named as CIFAR-10's. Throws SourceFormatError naming the file. */
export function imagesFromCifar(bytes: Uint8Array, file: string, size: OwnInputSize): OwnImage[] {
  const split = parseCifarRecords(bytes, file, 10);
  const each = 32 * 32 * 3;
  return Array.from(split.labels, (label, i) => ({
    className: CATALOG.cifar10.classNames[label],
    source: `${file} #${i}`,
    pixels: convertPixels(split.images.subarray(i * each, (i + 1) * each), 32, 32, 3, size),
  }));
}

// The gate for what IndexedDB gives back: a record another version (or damage) wrote is refused, not trusted.
const storedSchema = z.object({
  version: z.literal(OWN_DATASET_VERSION),
  id: z.string().regex(OWN_DATASET_ID),
  name: z.string().max(200),
  size: z.enum(OWN_INPUT_SIZES as [OwnInputSize, ...OwnInputSize[]]),
  classes: z.array(z.object({ name: z.string().min(1).max(OWN_LIMITS.maxNameLength), images: z.instanceof(Uint8Array), sources: z.array(z.string()) })).max(OWN_LIMITS.maxClasses),
  createdAt: z.number(),
});

/** A stored record as an OwnDataset, or what is wrong with it. */
export function readOwnDataset(raw: unknown): { ok: true; dataset: OwnDataset } | { ok: false; detail: string } {
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, detail: `${first.path.join('.') || 'record'}: ${first.message}` };
  }
  const d = parsed.data;
  const size = ownImageSize(d.size);
  const bad = d.classes.find((c) => c.images.length !== c.sources.length * size);
  if (bad) return { ok: false, detail: `class ${bad.name}: ${bad.images.length} bytes for ${bad.sources.length} images of ${OWN_SHAPES[d.size].join('×')}` };
  return { ok: true, dataset: d as OwnDataset };
}

/** What the dataset list and the dataset menu show of an own dataset (no pixels). */
export interface OwnDatasetSummary {
  id: OwnDatasetId;
  name: string;
  size: OwnInputSize;
  imageShape: [number, number, number];
  classNames: string[];
  images: number;
  problems: OwnProblem[];
}

export function summarize(dataset: OwnDataset): OwnDatasetSummary {
  return {
    id: dataset.id,
    name: dataset.name,
    size: dataset.size,
    imageShape: OWN_SHAPES[dataset.size],
    classNames: dataset.classes.map((c) => c.name),
    images: imageCount(dataset),
    problems: trainingProblems(dataset),
  };
}
