import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { DatasetArrays } from '../../src/engine/data/dataset';
import { manifestSchema } from '../../src/engine/data/manifest';

// The Node benches read datasets straight from disk, where `npm run datasets` wrote them.

/** A prepared dataset as `npm run datasets` wrote it (public/datasets/<id>/, compressed or plain). */
export function readPrepared(id: string): DatasetArrays {
  const dir = `public/datasets/${id}/`;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')));
  const read = (file: string) => {
    const bytes = readFileSync(dir + file);
    if (manifest.encoding === 'gzip') return new Uint8Array(gunzipSync(bytes));
    return new Uint8Array(manifest.encoding === 'brotli' ? brotliDecompressSync(bytes) : bytes);
  };
  return {
    manifest,
    train: { count: manifest.train.count, images: read(manifest.train.images), labels: read(manifest.train.labels) },
    test: { count: manifest.test.count, images: read(manifest.test.images), labels: read(manifest.test.labels) },
  };
}

