import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseIdxImages, parseIdxLabels } from '../../datasets/idx';
import { CATALOG } from '../../src/engine/data/catalog';
import type { DatasetArrays } from '../../src/engine/data/dataset';
import type { DatasetManifest } from '../../src/engine/data/manifest';

// Real MNIST from the shared source folder beside the checkout (as in CI), parsed by the project's own pipeline.
export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/datasets');

function read(id: 'mnist' | 'fashion-mnist', prefix: 'train' | 't10k') {
  const dir = path.join(SHARED, CATALOG[id].localFolder);
  const imagesFile = `${prefix}-images-idx3-ubyte.gz`;
  const labelsFile = `${prefix}-labels-idx1-ubyte.gz`;
  const images = parseIdxImages(readFileSync(path.join(dir, imagesFile)), imagesFile);
  const labels = parseIdxLabels(readFileSync(path.join(dir, labelsFile)), labelsFile);
  return { count: images.count, images: images.pixels, labels };
}

export function loadIdxDataset(id: 'mnist' | 'fashion-mnist'): DatasetArrays {
  const info = CATALOG[id];
  const train = read(id, 'train');
  const test = read(id, 't10k');
  const split = (s: typeof train) => ({
    count: s.count,
    images: 'train-images.u8',
    labels: 'train-labels.u8',
    imagesSha256: '0'.repeat(64),
    labelsSha256: '0'.repeat(64),
    classCounts: [],
  });
  const manifest: DatasetManifest = {
    version: 1,
    id,
    name: info.name,
    imageShape: info.imageShape,
    classNames: info.classNames,
    train: split(train),
    test: split(test),
    source: { kind: 'local', location: SHARED, sha256: {} },
    license: info.license,
    citation: info.citation,
    preparedAt: new Date(0).toISOString(),
  };
  return { manifest, train, test };
}

