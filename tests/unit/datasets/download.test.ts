import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, type RemoteFile } from '../../../src/engine/data/catalog';
import { manifestSchema } from '../../../src/engine/data/manifest';
import { createProgressPrinter, downloadToCache, type DownloadProgress } from '../../../datasets/download';
import { SourceFormatError, SourceUnavailableError } from '../../../datasets/errors';
import { runPrepare } from '../../../datasets/prepare';
import { captureOutput, closedPort, removeTempDirs, sharedDatasets, tempDir } from './helpers';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const payload = randomBytes(300_000);
const hits = new Map<string, number>();
const openSockets = new Set<import('node:net').Socket>();
let server: http.Server;
let base: string;

// A tiny stand-in for the publishers' servers, on 127.0.0.1 only.
function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = req.url ?? '/';
  hits.set(url, (hits.get(url) ?? 0) + 1);
  if (url === '/file.bin') {
    res.writeHead(200, { 'content-length': payload.length });
    let off = 0;
    const next = () => {
      if (off >= payload.length) return void res.end();
      res.write(payload.subarray(off, off + 32_768), next);
      off += 32_768;
    };
    return next();
  }
  if (url === '/moved') return void res.writeHead(302, { location: '/file.bin' }).end();
  if (url === '/stall') {
    res.writeHead(200, { 'content-length': 1000 });
    return void res.write(Buffer.alloc(10)); // then nothing
  }
  if (url.startsWith('/fashion/')) {
    const file = path.join(sharedDatasets, 'fashion-mnist', path.basename(url));
    const data = fs.readFileSync(file);
    return void res.writeHead(200, { 'content-length': data.length }).end(data);
  }
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = http.createServer(handler);
  server.on('connection', (s) => {
    openSockets.add(s);
    s.on('close', () => openSockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of openSockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
  await removeTempDirs();
});

describe('downloadToCache', () => {
  it('downloads, reports progress, checks the MD5 and then serves from the cache', async () => {
    const cacheDir = await tempDir('cache');
    const progress: DownloadProgress[] = [];
    const first = await downloadToCache({
      url: `${base}/file.bin`,
      md5: md5(payload),
      cacheDir,
      fileName: 'file.bin',
      onProgress: (p) => progress.push(p),
    });
    expect(first).toEqual({ path: path.join(cacheDir, 'file.bin'), fromCache: false });
    expect(Buffer.compare(fs.readFileSync(first.path), payload)).toBe(0);
    expect(fs.existsSync(`${first.path}.part`)).toBe(false);

    expect(progress.length).toBeGreaterThan(2);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ done: true, receivedBytes: payload.length, totalBytes: payload.length });
    expect(last.bytesPerSecond).toBeGreaterThan(0);
    expect(progress.slice(0, -1).every((p) => !p.done)).toBe(true);
    expect(last.failed).toBe(false);
    for (let i = 1; i < progress.length; i++) expect(progress[i].receivedBytes).toBeGreaterThanOrEqual(progress[i - 1].receivedBytes);

    const hitsBefore = hits.get('/file.bin');
    const second = await downloadToCache({ url: `${base}/file.bin`, md5: md5(payload), cacheDir, fileName: 'file.bin' });
    expect(second.fromCache).toBe(true);
    expect(hits.get('/file.bin')).toBe(hitsBefore);
  });

  it('deletes a download whose MD5 does not match and says so', async () => {
    const cacheDir = await tempDir('cache');
    const wrong = '0'.repeat(32);
    const err = await downloadToCache({ url: `${base}/file.bin`, md5: wrong, cacheDir, fileName: 'file.bin' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceFormatError);
    expect((err as Error).message).toContain(`checksum mismatch: expected MD5 ${wrong}, got ${md5(payload)}`);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });

  it('replaces a damaged cache entry and follows redirects', async () => {
    const cacheDir = await tempDir('cache');
    fs.writeFileSync(path.join(cacheDir, 'file.bin'), 'not the file');
    const got = await downloadToCache({ url: `${base}/moved`, md5: md5(payload), cacheDir, fileName: 'file.bin' });
    expect(got.fromCache).toBe(false);
    expect(md5(fs.readFileSync(got.path))).toBe(md5(payload));
  });

  it('fails fast when the server is unreachable, stalls or has no such file', async () => {
    const cacheDir = await tempDir('cache');
    const stalledProgress: DownloadProgress[] = [];
    const get = (url: string) =>
      downloadToCache({ url, md5: md5(payload), cacheDir, fileName: 'x.bin', timeoutMs: 300, onProgress: (p) => stalledProgress.push(p) }).then(
        () => new Error('expected a failure'),
        (e: unknown) => e as Error,
      );

    const refused = await get(`http://127.0.0.1:${await closedPort()}/file.bin`);
    expect(refused).toBeInstanceOf(SourceUnavailableError);
    expect(refused.message).toMatch(/could not download http:\/\/127\.0\.0\.1:\d+\/file\.bin: .*ECONNREFUSED/);

    const t0 = Date.now();
    const stalled = await get(`${base}/stall`);
    expect(stalled).toBeInstanceOf(SourceUnavailableError);
    expect(stalled.message).toContain('no data for 0.3 s');
    expect(stalledProgress[stalledProgress.length - 1]).toMatchObject({ done: true, failed: true, receivedBytes: 10 });
    expect(Date.now() - t0).toBeLessThan(5000);

    const missing = await get(`${base}/nope`);
    expect(missing.message).toContain('HTTP 404');
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});

describe('createProgressPrinter', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
  };
  const step = (receivedBytes: number, done = false): DownloadProgress => ({
    url: 'u',
    receivedBytes,
    totalBytes: 10 * 1024 * 1024,
    bytesPerSecond: 2 * 1024 * 1024,
    done,
  });

  it('prints occasional whole lines in logs', () => {
    const { writes, stream } = fakeStream(false);
    const print = createProgressPrinter('cifar10: downloading x', stream);
    for (let kb = 0; kb <= 10 * 1024; kb += 64) print(step(kb * 1024));
    print(step(10 * 1024 * 1024, true));
    expect(writes.length).toBeLessThanOrEqual(13);
    expect(writes[0]).toBe('cifar10: downloading x: 0% 0.0/10.0 MB, 2.0 MB/s\n');
    expect(writes[writes.length - 1]).toBe('cifar10: downloading x: 100% 10.0/10.0 MB, 2.0 MB/s done\n');
  });

  it('rewrites one line on a terminal', () => {
    const { writes, stream } = fakeStream(true);
    const print = createProgressPrinter('d', stream);
    print(step(5 * 1024 * 1024));
    print(step(10 * 1024 * 1024, true));
    expect(writes).toEqual(['\r\x1b[Kd: 50% 5.0/10.0 MB, 2.0 MB/s', '\r\x1b[Kd: 100% 10.0/10.0 MB, 2.0 MB/s\n']);
  });
});

describe('preparing a dataset from its download URLs', () => {
  it('builds Fashion-MNIST from a server, then rebuilds it from the cache without the server', async () => {
    const outDir = await tempDir('out');
    const cacheDir = await tempDir('cache');
    const remote: RemoteFile[] = CATALOG['fashion-mnist'].files.map((f) => ({
      name: f.name,
      url: `${base}/fashion/${f.name}`,
      md5: md5(fs.readFileSync(path.join(sharedDatasets, 'fashion-mnist', f.name))),
    }));
    const opts = {
      ids: ['fashion-mnist' as const],
      outDir,
      cacheDir,
      ifMissing: false,
      force: false,
      download: true,
      remoteFiles: { 'fashion-mnist': remote },
      output: captureOutput(),
    };
    const first = await runPrepare(opts);
    expect(first.exitCode).toBe(0);
    const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(outDir, 'fashion-mnist', 'manifest.json'), 'utf8')));
    expect(manifest.source.kind).toBe('download');
    expect(manifest.source.location).toContain(`${base}/fashion/train-images-idx3-ubyte.gz`);
    expect(manifest.train.classCounts).toEqual(new Array(10).fill(6000));

    const served = [...hits].filter(([u]) => u.startsWith('/fashion/')).reduce((n, [, c]) => n + c, 0);
    const second = await runPrepare({ ...opts, output: captureOutput() });
    expect(second.exitCode).toBe(0);
    expect([...hits].filter(([u]) => u.startsWith('/fashion/')).reduce((n, [, c]) => n + c, 0)).toBe(served);
  });
});
