// The app checks prepared files against their manifest when it loads a dataset (issue 9, defect 9):
// a label outside the classes, a file cut short or a count that disagrees is refused with a message
// naming the file, instead of loading and failing later in training.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../../../datasets/write';
import { CATALOG } from '../../../src/engine/data/catalog';
import { EngineSession } from '../../../src/engine/session';
import { packStored, removeTempDirs, serveFolder, tempDir, unpackStored } from './helpers';

const TRAIN = 400;
const TEST = 20;
const SIZE = 28 * 28;
const FIX = 'prepare the dataset again with npm run datasets -- --only mnist --force';

let served: Awaited<ReturnType<typeof serveFolder>>;
let root: string;
let cases = 0;

/** A correctly prepared tiny MNIST (labels cycle through the classes) under its own base URL. */
async function prepared(): Promise<{ baseUrl: string; dir: string }> {
  const name = `case${++cases}`;
  const split = (count: number) => ({
    count,
    images: Uint8Array.from({ length: count * SIZE }, (_, i) => i & 255),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  });
  const out = path.join(root, name, 'datasets');
  await writeDataset(out, { info: CATALOG.mnist, train: split(TRAIN), test: split(TEST), source: { kind: 'local', location: 'test', sha256: {} } });
  return { baseUrl: `${served.url}${name}/`, dir: path.join(out, 'mnist') };
}

/** Changes a prepared file's content as the app sees it: decompressed, edited, compressed again (manifest.json is plain). */
async function edit(file: string, change: (bytes: Buffer) => Buffer | void): Promise<void> {
  const encoding = file.endsWith('.br') ? 'brotli' : file.endsWith('.gz') ? 'gzip' : undefined;
  const bytes = unpackStored(await fs.readFile(file), encoding);
  const changed = change(bytes) ?? bytes;
  await fs.writeFile(file, packStored(changed, encoding));
}

beforeAll(async () => {
  root = await tempDir('served');
  served = await serveFolder(root);
});

afterAll(async () => {
  await served.close();
  await removeTempDirs();
});

describe('loading a prepared dataset checks its files against the manifest', () => {
  it('a correct one loads', async () => {
    const { baseUrl } = await prepared();
    const loaded = await new EngineSession(baseUrl).loadDataset('mnist');
    expect([loaded.trainCount, loaded.testCount]).toEqual([TRAIN, TEST]);
  });

  it('a label not below the class count is refused, naming the file, the image and the fix', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'train-labels.u8.br'), (b) => void (b[345] = 12));
    const problem = 'public/datasets/mnist/train-labels.u8.br: label 12 at image 345 is not below the 10 classes';
    await expect(new EngineSession(baseUrl).loadDataset('mnist')).rejects.toThrow(`${problem} — ${FIX}`);
    // What the dataset panel shows: the 'invalid' verdict with the command that fixes it.
    expect(await new EngineSession(baseUrl).openDataset('mnist')).toEqual({
      status: 'invalid',
      message: problem,
      command: 'npm run datasets -- --only mnist --force',
    });
  });

  it('a truncated image file is refused', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'test-images.u8.br'), (b) => b.subarray(0, b.length - 100));
    await expect(new EngineSession(baseUrl).loadDataset('mnist')).rejects.toThrow(
      'public/datasets/mnist/test-images.u8.br: 15,580 bytes once decompressed, but 20 images of 28×28×1 take 15,680 (the file is cut short)',
    );
  });

  it('a label file whose length is not the image count is refused', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'train-labels.u8.br'), (b) => b.subarray(0, TRAIN - 1));
    await expect(new EngineSession(baseUrl).loadDataset('mnist')).rejects.toThrow(
      'public/datasets/mnist/train-labels.u8.br: 399 labels, but the manifest says 400 images',
    );
  });

  it('a manifest count that disagrees with the files is refused', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'manifest.json'), (b) => {
      const m = JSON.parse(b.toString());
      m.test.count = 15;
      m.test.classCounts = [2, 2, 2, 2, 2, 1, 1, 1, 1, 1];
      return Buffer.from(JSON.stringify(m));
    });
    await expect(new EngineSession(baseUrl).loadDataset('mnist')).rejects.toThrow(
      'public/datasets/mnist/test-images.u8.br: 15,680 bytes once decompressed, but 15 images of 28×28×1 take 11,760 (the file is too long)',
    );
  });

  it('per-class counts that disagree with the labels are refused', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'test-labels.u8.br'), (b) => void (b[0] = 3)); // one 0 becomes a 3
    await expect(new EngineSession(baseUrl).loadDataset('mnist')).rejects.toThrow(
      'public/datasets/mnist/test-labels.u8.br: class 0 (0) has 1 image here, but the manifest says 2',
    );
  });

  it('per-class counts that do not add up to the count make the manifest invalid before anything is fetched', async () => {
    const { baseUrl, dir } = await prepared();
    await edit(path.join(dir, 'manifest.json'), (b) => {
      const m = JSON.parse(b.toString());
      m.train.classCounts[0] += 1;
      return Buffer.from(JSON.stringify(m));
    });
    const session = new EngineSession(baseUrl);
    expect((await session.availability()).mnist).toEqual({
      status: 'invalid',
      message: 'public/datasets/mnist/manifest.json: train.classCounts add up to 401, but train.count is 400',
      command: 'npm run datasets -- --only mnist --force',
    });
  });

  it('a file the manifest names but the server does not have is refused', async () => {
    const { baseUrl, dir } = await prepared();
    await fs.rm(path.join(dir, 'test-labels.u8.br'));
    expect(await new EngineSession(baseUrl).openDataset('mnist')).toMatchObject({
      status: 'invalid',
      message: 'public/datasets/mnist/test-labels.u8.br: not there (HTTP 404)',
    });
  });
});
