// Writes browser-ready files to <outRoot>/<id>/. Everything goes to a temporary sibling folder
// first and is renamed into place at the end, so a failed run never leaves half a dataset.
// The split files are compressed as the catalog says (src/engine/data/catalog.ts `encoding`) and the
// worker decompresses them. gzip at zlib's level 6: level 9 saves only 2 % more on MNIST but takes 12× as
// long. Brotli for MNIST at quality 10 with a 16 MB window: 9.66 MB on the wire (gzip 11.45), in about
// 55 s of one core at set-up; quality 11 would save another 0.5 MB for twice that, quality 9 leaves 10.2 MB.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { CATALOG, isBuiltinDatasetId } from '../src/engine/data/catalog';
import { MANIFEST_VERSION, manifestSchema, type DatasetManifest, type SplitManifest } from '../src/engine/data/manifest';
import type { Encoding } from '../src/engine/data/download';
import type { LoadedDataset, Split } from './load';

export const MANIFEST_FILE = 'manifest.json';
const SUFFIX: Record<Encoding, string> = { gzip: '.u8.gz', brotli: '.u8.br' };

/** The split files' names for an encoding. */
export function splitFiles(encoding: Encoding) {
  const s = SUFFIX[encoding];
  return {
    train: { images: `train-images${s}`, labels: `train-labels${s}` },
    test: { images: `test-images${s}`, labels: `test-labels${s}` },
  } as const;
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Brotli's quality for the files the app serves. */
export const BROTLI_QUALITY = 10;

export interface WriteOptions {
  now?: Date;
  /**
   * Brotli quality, 0–11 (default BROTLI_QUALITY). Tests that prepare the real MNIST several times pass a
   * low one: the same format and decoder, in seconds instead of a minute each, only larger.
   */
  brotliQuality?: number;
}

function pack(bytes: Uint8Array, encoding: Encoding, quality: number): Promise<Buffer> {
  if (encoding === 'gzip') return gzip(bytes, { level: 6, memLevel: 9 });
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  return brotli(bytes, { params: { [BROTLI_PARAM_QUALITY]: quality, [BROTLI_PARAM_LGWIN]: 24, [BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/** Each split file compressed; zlib runs on libuv's thread pool, so the four compress side by side. */
async function compressSplits(data: LoadedDataset, quality: number): Promise<Record<'train' | 'test', { images: Buffer; labels: Buffer }>> {
  const e = data.info.encoding;
  const p = (b: Uint8Array) => pack(b, e, quality);
  const [ti, tl, si, sl] = await Promise.all([p(data.train.images), p(data.train.labels), p(data.test.images), p(data.test.labels)]);
  return { train: { images: ti, labels: tl }, test: { images: si, labels: sl } };
}

const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex');

export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

function describeSplit(
  split: Split,
  names: { images: string; labels: string },
  stored: { images: Uint8Array; labels: Uint8Array },
  imageBytes: number,
  numClasses: number,
  which: string,
): SplitManifest {
  // Guards against a loader bug producing arrays the app would misread.
  if (split.images.length !== split.count * imageBytes || split.labels.length !== split.count) {
    throw new Error(
      `${which} split is inconsistent: ${split.count} examples but ${split.images.length} image bytes and ${split.labels.length} labels`,
    );
  }
  return {
    count: split.count,
    images: names.images,
    labels: names.labels,
    imagesSha256: sha256(split.images),
    labelsSha256: sha256(split.labels),
    classCounts: classCounts(split.labels, numClasses),
    imagesBytes: stored.images.length,
    labelsBytes: stored.labels.length,
  };
}

export function buildManifest(data: LoadedDataset, stored: Record<'train' | 'test', { images: Uint8Array; labels: Uint8Array }>, now: Date = new Date()): DatasetManifest {
  const { info } = data;
  const [h, w, c] = info.imageShape;
  const n = info.classNames.length;
  const files = splitFiles(info.encoding);
  return manifestSchema.parse({
    version: MANIFEST_VERSION,
    id: info.id,
    name: info.name,
    encoding: info.encoding,
    imageShape: [h, w, c],
    classNames: [...info.classNames],
    train: describeSplit(data.train, files.train, stored.train, h * w * c, n, 'train'),
    test: describeSplit(data.test, files.test, stored.test, h * w * c, n, 'test'),
    source: data.source,
    license: info.license,
    citation: info.citation,
    preparedAt: now.toISOString(),
  });
}

/** Writes the dataset and its manifest; returns the final folder and the manifest. */
export async function writeDataset(outRoot: string, data: LoadedDataset, options: WriteOptions = {}): Promise<{ dir: string; manifest: DatasetManifest }> {
  const stored = await compressSplits(data, options.brotliQuality ?? BROTLI_QUALITY);
  const manifest = buildManifest(data, stored, options.now);
  const dir = path.join(outRoot, data.info.id);
  const tag = `${process.pid}-${Date.now()}`;
  const tmp = path.join(outRoot, `.${data.info.id}.tmp-${tag}`);
  const old = path.join(outRoot, `.${data.info.id}.old-${tag}`);
  await fs.mkdir(tmp, { recursive: true });
  let hadOld = false;
  try {
    for (const which of ['train', 'test'] as const) {
      await fs.writeFile(path.join(tmp, manifest[which].images), stored[which].images);
      await fs.writeFile(path.join(tmp, manifest[which].labels), stored[which].labels);
    }
    await fs.writeFile(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    hadOld = await fs.rename(dir, old).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      },
    );
    await fs.rename(tmp, dir);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (hadOld) await fs.rename(old, dir).catch(() => {}); // put the previous dataset back
    throw err;
  }
  if (hadOld) await fs.rm(old, { recursive: true, force: true });
  return { dir, manifest };
}

/**
 * The manifest of an already prepared dataset if it parses, its files are stored as the catalog says now
 * (older preparations wrote plain or gzipped files: those are prepared again, once) and have the sizes it
 * records; else null.
 */
export async function readPreparedManifest(outRoot: string, id: string): Promise<DatasetManifest | null> {
  const dir = path.join(outRoot, id);
  try {
    const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    if (manifest.id !== id || !isBuiltinDatasetId(id) || manifest.encoding !== CATALOG[id].encoding) return null;
    for (const split of [manifest.train, manifest.test]) {
      if ((await fs.stat(path.join(dir, split.images))).size !== split.imagesBytes) return null;
      if ((await fs.stat(path.join(dir, split.labels))).size !== split.labelsBytes) return null;
    }
    return manifest;
  } catch {
    return null;
  }
}
