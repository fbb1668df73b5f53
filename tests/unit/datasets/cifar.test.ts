import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/engine/data/catalog';
import { parseCifarRecords, readCifarArchive, type CifarArchive } from '../../../datasets/cifar';
import { SourceFormatError } from '../../../datasets/errors';
import { CIFAR_META, cifarBatch, cifarRecord, histogram, makeCifarTarGz, removeTempDirs, sharedDatasets } from './helpers';

const classNames = CATALOG.cifar10.classNames;

afterAll(removeTempDirs);

async function readFixture(file: string): Promise<CifarArchive> {
  return readCifarArchive(await fs.readFile(file), path.basename(file), classNames);
}

async function failure(p: Promise<unknown>): Promise<SourceFormatError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SourceFormatError);
  return e as SourceFormatError;
}

describe('the real CIFAR-10 subset', () => {
  let cifar: CifarArchive;
  beforeAll(async () => {
    cifar = await readFixture(path.join(sharedDatasets, 'cifar-10-binary.tar.gz'));
  });

  it('has 10,000 training and 10,000 test images, 1,000 per class each', () => {
    expect(cifar.classNames).toEqual(classNames);
    expect(cifar.trainFiles).toEqual(['cifar-10-batches-bin/data_batch_1.bin']);
    expect(cifar.testFile).toBe('cifar-10-batches-bin/test_batch.bin');
    for (const split of [cifar.train, cifar.test]) {
      expect(split.count).toBe(10000);
      expect(split.images.length).toBe(10000 * 32 * 32 * 3);
      expect(histogram(split.labels)).toEqual(new Array(10).fill(1000));
    }
  });

  it('looks like photos, not noise or a blank: channels vary and correlate', () => {
    const { images } = cifar.train;
    let mean = 0;
    for (let i = 0; i < 3072 * 100; i++) mean += images[i];
    mean /= 3072 * 100;
    expect(mean).toBeGreaterThan(60);
    expect(mean).toBeLessThan(200);
    // Interleaved correctly, neighbouring R and G bytes of a pixel are close far more often than not.
    let close = 0;
    for (let p = 0; p < 1024 * 100; p++) if (Math.abs(images[p * 3] - images[p * 3 + 1]) < 40) close++;
    expect(close / (1024 * 100)).toBeGreaterThan(0.8);
  });
});

describe('CIFAR record conversion', () => {
  const R = (y: number, x: number) => y * 8 + x;
  const G = (_y: number, x: number) => 255 - x;
  const B = (y: number, x: number) => (y === x ? 7 : 3);

  it('turns the planar R, G, B record into channels-last pixels', () => {
    const split = parseCifarRecords(Buffer.concat([cifarRecord(4, () => 0, () => 0, () => 0), cifarRecord(9, R, G, B)]), 'x.bin');
    expect(split.count).toBe(2);
    expect([...split.labels]).toEqual([4, 9]);
    const px = (i: number, y: number, x: number, c: number) => split.images[((i * 32 + y) * 32 + x) * 3 + c];
    for (const [y, x] of [[0, 0], [0, 31], [5, 3], [31, 0], [17, 17], [31, 31]]) {
      expect([px(1, y, x, 0), px(1, y, x, 1), px(1, y, x, 2)]).toEqual([R(y, x) & 255, G(y, x), B(y, x)]);
      expect([px(0, y, x, 0), px(0, y, x, 1), px(0, y, x, 2)]).toEqual([0, 0, 0]);
    }
  });

  it('rejects a size that is not a multiple of 3073 and labels above 9, naming the file', async () => {
    const e = await failure(Promise.resolve().then(() => parseCifarRecords(Buffer.alloc(3073 * 2 + 5), 'data_batch_3.bin')));
    expect(e.message).toContain('data_batch_3.bin: wrong size: 6151 bytes is not a positive multiple of the 3073-byte record size');
    const bad = Buffer.concat([cifarBatch([1]), cifarRecord(10, R, G, B)]);
    const e2 = await failure(Promise.resolve().then(() => parseCifarRecords(bad, 'test_batch.bin')));
    expect(e2.message).toContain('test_batch.bin: label out of range in record 1: 10');
  });
});

describe('CIFAR archives built by the test', () => {
  it('concatenates any number of data batches sorted by their number', async () => {
    const file = await makeCifarTarGz([
      ['data_batch_10.bin', cifarBatch([9])],
      ['batches.meta.txt', CIFAR_META],
      ['data_batch_2.bin', cifarBatch([2, 3])],
      ['test_batch.bin', cifarBatch([7, 8, 6])],
      ['data_batch_1.bin', cifarBatch([0, 1])],
    ]);
    const cifar = await readFixture(file);
    expect(cifar.trainFiles.map((f) => path.basename(f))).toEqual(['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_10.bin']);
    expect([...cifar.train.labels]).toEqual([0, 1, 2, 3, 9]);
    expect([...cifar.test.labels]).toEqual([7, 8, 6]);
    // pixel (y=5, x=6) of training image 3 (label 3): R = 3, G = 103, B = 203
    const o = ((3 * 32 + 5) * 32 + 6) * 3;
    expect([...cifar.train.images.subarray(o, o + 3)]).toEqual([3, 103, 203]);
  });

  it('reads a plain (not gzipped) tar too', async () => {
    const file = await makeCifarTarGz(
      [
        ['batches.meta.txt', CIFAR_META],
        ['data_batch_1.bin', cifarBatch([5])],
        ['test_batch.bin', cifarBatch([6])],
      ],
      false,
    );
    expect((await readFixture(file)).train.count).toBe(1);
  });

  it('missing test_batch.bin', async () => {
    const file = await makeCifarTarGz([
      ['batches.meta.txt', CIFAR_META],
      ['data_batch_1.bin', cifarBatch([0])],
    ]);
    expect((await failure(readFixture(file))).message).toContain('cifar-10-binary.tar.gz: missing test_batch.bin');
  });

  it('no data batches', async () => {
    const file = await makeCifarTarGz([
      ['batches.meta.txt', CIFAR_META],
      ['test_batch.bin', cifarBatch([0])],
    ]);
    expect((await failure(readFixture(file))).message).toContain('cifar-10-binary.tar.gz: no data_batch_N.bin');
  });

  it('a batch of the wrong size names the batch inside the archive', async () => {
    const file = await makeCifarTarGz([
      ['batches.meta.txt', CIFAR_META],
      ['data_batch_1.bin', cifarBatch([0])],
      ['data_batch_2.bin', cifarBatch([1, 2]).subarray(0, 5000)],
      ['test_batch.bin', cifarBatch([0])],
    ]);
    const e = await failure(readFixture(file));
    expect(e.message).toContain('cifar-10-binary.tar.gz: cifar-10-batches-bin/data_batch_2.bin: wrong size: 5000 bytes');
  });

  it('a label above 9', async () => {
    const file = await makeCifarTarGz([
      ['batches.meta.txt', CIFAR_META],
      ['data_batch_1.bin', cifarBatch([0, 1, 10])],
      ['test_batch.bin', cifarBatch([0])],
    ]);
    expect((await failure(readFixture(file))).message).toMatch(/data_batch_1\.bin: label out of range in record 2: 10/);
  });

  it('class names that do not match the catalog', async () => {
    const file = await makeCifarTarGz([
      ['batches.meta.txt', CIFAR_META.replace('cat', 'kitten')],
      ['data_batch_1.bin', cifarBatch([0])],
      ['test_batch.bin', cifarBatch([0])],
    ]);
    const e = await failure(readFixture(file));
    expect(e.message).toContain('batches.meta.txt: class names do not match the catalog');
    expect(e.message).toContain('kitten');
  });

  it('a cut-off download: corrupt gzip, or a tar whose last file is short', async () => {
    const files: [string, Buffer | string][] = [
      ['batches.meta.txt', CIFAR_META],
      ['data_batch_1.bin', cifarBatch([0, 1, 2])],
      ['test_batch.bin', cifarBatch([3, 4, 5])],
    ];
    const gz = await fs.readFile(await makeCifarTarGz(files));
    const cut = await failure(readCifarArchive(gz.subarray(0, gz.length >> 1), 'cifar-10-binary.tar.gz', classNames));
    expect(cut.message).toContain('cifar-10-binary.tar.gz: corrupt gzip data');
    const tar = await fs.readFile(await makeCifarTarGz(files, false));
    const short = await failure(readCifarArchive(tar.subarray(0, 512 * 3 + 4000), 'cifar.tar', classNames));
    expect(short.message).toMatch(/^cifar\.tar: /);
  });
});
