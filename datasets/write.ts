// Writes browser-ready files to <outRoot>/<id>/. Everything goes to a temporary sibling folder
// first and is renamed into place at the end, so a failed run never leaves half a dataset.
// The split files are gzipped: the browser fetches MNIST as about 11.5 MB instead of 55 and the worker
// decompresses it with DecompressionStream. zlib's default level 6: level 9 saves only 2 % more on MNIST
// (11.2 MB) but takes 12× as long, which every `npm install` and the dataset tests would pay. Brotli would save another fifth, but Chromium's
// DecompressionStream does not take it yet, and a JavaScript decoder is not worth the bundle.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { MANIFEST_VERSION, manifestSchema, type DatasetManifest, type SplitManifest } from '../src/engine/data/manifest';
import type { LoadedDataset, Split } from './load';

export const MANIFEST_FILE = 'manifest.json';
export const SPLIT_FILES = {
  train: { images: 'train-images.u8.gz', labels: 'train-labels.u8.gz' },
  test: { images: 'test-images.u8.gz', labels: 'test-labels.u8.gz' },
} as const;

const gzip = promisify(zlib.gzip);

/** Each split file gzipped; zlib runs on libuv's thread pool, so the four compress side by side. */
async function compressSplits(data: LoadedDataset): Promise<Record<'train' | 'test', { images: Buffer; labels: Buffer }>> {
  const pack = (bytes: Uint8Array) => gzip(bytes, { level: 6, memLevel: 9 });
  const [ti, tl, si, sl] = await Promise.all([pack(data.train.images), pack(data.train.labels), pack(data.test.images), pack(data.test.labels)]);
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
  return manifestSchema.parse({
    version: MANIFEST_VERSION,
    id: info.id,
    name: info.name,
    encoding: 'gzip',
    imageShape: [h, w, c],
    classNames: [...info.classNames],
    train: describeSplit(data.train, SPLIT_FILES.train, stored.train, h * w * c, n, 'train'),
    test: describeSplit(data.test, SPLIT_FILES.test, stored.test, h * w * c, n, 'test'),
    source: data.source,
    license: info.license,
    citation: info.citation,
    preparedAt: now.toISOString(),
  });
}

/** Writes the dataset and its manifest; returns the final folder and the manifest. */
export async function writeDataset(outRoot: string, data: LoadedDataset, now: Date = new Date()): Promise<{ dir: string; manifest: DatasetManifest }> {
  const stored = await compressSplits(data);
  const manifest = buildManifest(data, stored, now);
  const dir = path.join(outRoot, data.info.id);
  const tag = `${process.pid}-${Date.now()}`;
  const tmp = path.join(outRoot, `.${data.info.id}.tmp-${tag}`);
  const old = path.join(outRoot, `.${data.info.id}.old-${tag}`);
  await fs.mkdir(tmp, { recursive: true });
  let hadOld = false;
  try {
    for (const which of ['train', 'test'] as const) {
      await fs.writeFile(path.join(tmp, SPLIT_FILES[which].images), stored[which].images);
      await fs.writeFile(path.join(tmp, SPLIT_FILES[which].labels), stored[which].labels);
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
 * The manifest of an already prepared dataset if it parses, its files are gzipped (older preparations wrote
 * plain files: those are prepared again, once) and have the sizes it records; else null.
 */
export async function readPreparedManifest(outRoot: string, id: string): Promise<DatasetManifest | null> {
  const dir = path.join(outRoot, id);
  try {
    const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    if (manifest.id !== id || manifest.encoding !== 'gzip') return null;
    for (const split of [manifest.train, manifest.test]) {
      if ((await fs.stat(path.join(dir, split.images))).size !== split.imagesBytes) return null;
      if ((await fs.stat(path.join(dir, split.labels))).size !== split.labelsBytes) return null;
    }
    return manifest;
  } catch {
    return null;
  }
}
