// Datasets travel compressed (issue 12 §5): MNIST as brotli, the others gzip. The engine decompresses them
// itself, reports bytes as they arrive, names the file when its compressed data is broken, and still reads
// plain files of older preparations.
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../../datasets/write';
import { CATALOG } from '../../../src/engine/data/catalog';
import { gunzip } from '../../../src/engine/data/download';
import { unbrotli } from '../../../src/engine/data/unbrotli';
import { wireBytes } from '../../../src/engine/data/fetch';
import type { DatasetManifest } from '../../../src/engine/data/manifest';
import type { ByteProgress } from '../../../src/engine/data/download';
import { EngineSession } from '../../../src/engine/session';
import { removeTempDirs, serveFolder, tempDir, unpackStored } from './helpers';

const SIZE = 28 * 28;
let served: Awaited<ReturnType<typeof serveFolder>>;
let root: string;
let cases = 0;

/** Digit-like images (mostly black, as MNIST is), so gzip has something to gain. */
function split(count: number) {
  const images = new Uint8Array(count * SIZE);
  for (let i = 0; i < count; i++) for (let p = 300; p < 300 + (i % 50); p++) images[i * SIZE + p] = 255;
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10) };
}

async function prepared(train = 2000, test = 200, encoding: 'gzip' | 'brotli' = CATALOG.mnist.encoding): Promise<{ baseUrl: string; dir: string; manifest: DatasetManifest }> {
  const name = `case${++cases}`;
  const out = path.join(root, name, 'datasets');
  const info = { ...CATALOG.mnist, encoding };
  const { manifest } = await writeDataset(out, { info, train: split(train), test: split(test), source: { kind: 'local', location: 'test', sha256: {} } });
  return { baseUrl: `${served.url}${name}/`, dir: path.join(out, 'mnist'), manifest };
}

beforeAll(async () => {
  root = await tempDir('served');
  served = await serveFolder(root);
});

afterAll(async () => {
  await served.close();
  await removeTempDirs();
});

describe('compressed datasets', () => {
  it.each(['brotli', 'gzip'] as const)('are written as %s, far smaller than the images, and load back to the same bytes', async (encoding) => {
    const { baseUrl, manifest } = await prepared(2000, 200, encoding);
    expect(manifest.encoding).toBe(encoding);
    expect(manifest.train.images).toBe(encoding === 'brotli' ? 'train-images.u8.br' : 'train-images.u8.gz');
    const raw = (2000 + 200) * (SIZE + 1);
    const wire = wireBytes(manifest)!;
    expect(wire).toBeLessThan(raw / 10);
    const session = new EngineSession(baseUrl);
    const loaded = await session.loadDataset('mnist');
    expect([loaded.trainCount, loaded.testCount]).toEqual([2000, 200]);
    const preview = session.preview('mnist', { train: 20, validation: 0, test: 10 }, 1, 2);
    expect(preview.samples.some((v) => v === 255)).toBe(true);
  });

  it('report the bytes received, ending at the compressed total the manifest records', async () => {
    const { baseUrl, manifest } = await prepared(20_000, 500);
    const seen: ByteProgress[] = [];
    await new EngineSession(baseUrl).openDataset('mnist', (p) => seen.push(p));
    const total = wireBytes(manifest);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ loaded: total, total });
    for (let i = 1; i < seen.length; i++) expect(seen[i].loaded).toBeGreaterThanOrEqual(seen[i - 1].loaded);
  });

  it.each([
    ['brotli', 'br'],
    ['gzip', 'gz'],
  ] as const)('a file whose %s data is cut off is refused, naming it', async (encoding, suffix) => {
    const { baseUrl, dir } = await prepared(2000, 200, encoding);
    const file = path.join(dir, `train-images.u8.${suffix}`);
    const bytes = await fs.readFile(file);
    await fs.writeFile(file, bytes.subarray(0, bytes.length >> 1));
    const opened = await new EngineSession(baseUrl).openDataset('mnist');
    expect(opened.status).toBe('invalid');
    expect(opened.status === 'invalid' && opened.message).toMatch(new RegExp(`^public/datasets/mnist/train-images\\.u8\\.${suffix}: is not valid ${encoding} data \\(`));
  });

  it('plain files from an older preparation (a manifest without encoding) still load', async () => {
    const { baseUrl, dir } = await prepared();
    const manifestFile = path.join(dir, 'manifest.json');
    const m = JSON.parse(await fs.readFile(manifestFile, 'utf8'));
    const encoding = m.encoding;
    delete m.encoding;
    for (const s of [m.train, m.test]) {
      for (const key of ['images', 'labels'] as const) {
        const plain = s[key].replace(/\.(gz|br)$/, '');
        await fs.writeFile(path.join(dir, plain), unpackStored(await fs.readFile(path.join(dir, s[key])), encoding));
        s[key] = plain;
      }
      delete s.imagesBytes;
      delete s.labelsBytes;
    }
    await fs.writeFile(manifestFile, JSON.stringify(m));
    const loaded = await new EngineSession(baseUrl).loadDataset('mnist');
    expect(loaded.trainCount).toBe(2000);
  });

  it('bytes a server already decoded (Content-Encoding: gzip on a .gz file, br on a .br file) are taken as they are', async () => {
    const plain = Uint8Array.from([5, 0, 4, 1, 9]);
    expect([...(await gunzip(plain))]).toEqual([5, 0, 4, 1, 9]);
    expect([...(await gunzip(zlib.gzipSync(plain)))]).toEqual([5, 0, 4, 1, 9]);
    expect([...unbrotli(plain, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect([...unbrotli(zlib.brotliCompressSync(plain), 5)]).toEqual([5, 0, 4, 1, 9]);
  });
});
