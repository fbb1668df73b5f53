// Turns obtained source files into in-memory splits (uint8 N×H×W×C images, uint8 labels),
// whatever the source format, and records what was read.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { DatasetInfo } from '../src/engine/data/catalog';
import { readCifarArchive } from './cifar';
import { SourceFormatError } from './errors';
import { checkIdxPair, parseIdxImages, parseIdxLabels } from './idx';
import type { ObtainedSource, SourceFile, SourceKind } from './sources';

export interface Split {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export interface LoadedDataset {
  info: DatasetInfo;
  train: Split;
  test: Split;
  source: { kind: SourceKind; location: string; sha256: Record<string, string> };
}

const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex');

async function readSources(source: ObtainedSource): Promise<{ bytes: Map<string, Buffer>; hashes: Record<string, string> }> {
  const bytes = new Map<string, Buffer>();
  const hashes: Record<string, string> = {};
  for (const f of source.files) {
    const buf = await fs.readFile(f.path);
    bytes.set(f.name, buf);
    hashes[f.name] = sha256(buf);
  }
  return { bytes, hashes };
}

function pick(files: SourceFile[], bytes: Map<string, Buffer>, prefix: string): { file: SourceFile; buf: Buffer } {
  const file = files.find((f) => f.name.startsWith(prefix));
  if (!file) throw new SourceFormatError(files.map((f) => f.name).join(', '), `no ${prefix}* file among the sources`);
  return { file, buf: bytes.get(file.name)! };
}

function loadIdxSplit(info: DatasetInfo, source: ObtainedSource, bytes: Map<string, Buffer>, prefix: 'train' | 't10k'): Split {
  const img = pick(source.files, bytes, `${prefix}-images`);
  const lab = pick(source.files, bytes, `${prefix}-labels`);
  const images = parseIdxImages(img.buf, img.file.path);
  const labels = parseIdxLabels(lab.buf, lab.file.path, info.classNames.length);
  checkIdxPair(images, labels, img.file.path, lab.file.path);
  const [h, w, c] = info.imageShape;
  if (images.rows !== h || images.cols !== w || c !== 1) {
    throw new SourceFormatError(img.file.path, `images are ${images.rows}×${images.cols}, expected ${h}×${w} for ${info.name}`);
  }
  return { count: images.count, images: images.pixels, labels };
}

export async function loadDataset(info: DatasetInfo, source: ObtainedSource): Promise<LoadedDataset> {
  const { bytes, hashes } = await readSources(source);
  const meta = { kind: source.kind, location: source.location, sha256: hashes };
  if (info.format === 'idx') {
    return { info, train: loadIdxSplit(info, source, bytes, 'train'), test: loadIdxSplit(info, source, bytes, 't10k'), source: meta };
  }
  const [file] = source.files;
  const archive = await readCifarArchive(bytes.get(file.name)!, file.path, info.classNames);
  return { info, train: archive.train, test: archive.test, source: meta };
}
