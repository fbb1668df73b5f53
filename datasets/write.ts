// Writes browser-ready files to <outRoot>/<id>/. Everything goes to a temporary sibling folder
// first and is renamed into place at the end, so a failed run never leaves half a dataset.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_VERSION, manifestSchema, type DatasetManifest, type SplitManifest } from '../src/engine/data/manifest';
import type { LoadedDataset, Split } from './load';

export const MANIFEST_FILE = 'manifest.json';
export const SPLIT_FILES = {
  train: { images: 'train-images.u8', labels: 'train-labels.u8' },
  test: { images: 'test-images.u8', labels: 'test-labels.u8' },
} as const;

const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex');

export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

function describeSplit(split: Split, names: { images: string; labels: string }, imageBytes: number, numClasses: number, which: string): SplitManifest {
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
  };
}

export function buildManifest(data: LoadedDataset, now: Date = new Date()): DatasetManifest {
  const { info } = data;
  const [h, w, c] = info.imageShape;
  const n = info.classNames.length;
  return manifestSchema.parse({
    version: MANIFEST_VERSION,
    id: info.id,
    name: info.name,
    imageShape: [h, w, c],
    classNames: [...info.classNames],
    train: describeSplit(data.train, SPLIT_FILES.train, h * w * c, n, 'train'),
    test: describeSplit(data.test, SPLIT_FILES.test, h * w * c, n, 'test'),
    source: data.source,
    license: info.license,
    citation: info.citation,
    preparedAt: now.toISOString(),
  });
}

/** Writes the dataset and its manifest; returns the final folder and the manifest. */
export async function writeDataset(outRoot: string, data: LoadedDataset, now: Date = new Date()): Promise<{ dir: string; manifest: DatasetManifest }> {
  const manifest = buildManifest(data, now);
  const dir = path.join(outRoot, data.info.id);
  const tag = `${process.pid}-${Date.now()}`;
  const tmp = path.join(outRoot, `.${data.info.id}.tmp-${tag}`);
  const old = path.join(outRoot, `.${data.info.id}.old-${tag}`);
  await fs.mkdir(tmp, { recursive: true });
  let hadOld = false;
  try {
    for (const which of ['train', 'test'] as const) {
      await fs.writeFile(path.join(tmp, SPLIT_FILES[which].images), data[which].images);
      await fs.writeFile(path.join(tmp, SPLIT_FILES[which].labels), data[which].labels);
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

/** The manifest of an already prepared dataset if it parses and its files have the right sizes, else null. */
export async function readPreparedManifest(outRoot: string, id: string): Promise<DatasetManifest | null> {
  const dir = path.join(outRoot, id);
  try {
    const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    if (manifest.id !== id) return null;
    const [h, w, c] = manifest.imageShape;
    for (const split of [manifest.train, manifest.test]) {
      if ((await fs.stat(path.join(dir, split.images))).size !== split.count * h * w * c) return null;
      if ((await fs.stat(path.join(dir, split.labels))).size !== split.count) return null;
    }
    return manifest;
  } catch {
    return null;
  }
}
