// Shared fixtures for the dataset pipeline tests: paths to the real source files and
// builders for small hand-made (and deliberately broken) IDX and CIFAR files.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { create as createTar } from 'tar';
import type { Output } from '../../../datasets/prepare';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** CI clones the repository with shared/ beside it. */
export const sharedDatasets = path.resolve(repoRoot, '../shared/datasets');

const made: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `cnn-ds-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made (call from afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

export function idxImages(count: number, rows: number, cols: number, fill: (i: number) => number = (i) => i & 255): Buffer {
  const buf = Buffer.alloc(16 + count * rows * cols);
  buf.writeUInt32BE(0x803, 0);
  buf.writeUInt32BE(count, 4);
  buf.writeUInt32BE(rows, 8);
  buf.writeUInt32BE(cols, 12);
  for (let i = 0; i < count * rows * cols; i++) buf[16 + i] = fill(i);
  return buf;
}

export function idxLabels(labels: number[]): Buffer {
  const buf = Buffer.alloc(8 + labels.length);
  buf.writeUInt32BE(0x801, 0);
  buf.writeUInt32BE(labels.length, 4);
  labels.forEach((l, i) => (buf[8 + i] = l));
  return buf;
}

export type PlaneFn = (y: number, x: number) => number;

/** One CIFAR record: label byte, then the R, G and B planes (32×32 row-major). */
export function cifarRecord(label: number, r: PlaneFn, g: PlaneFn, b: PlaneFn): Buffer {
  const rec = Buffer.alloc(3073);
  rec[0] = label;
  [r, g, b].forEach((plane, c) => {
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) rec[1 + c * 1024 + y * 32 + x] = plane(y, x) & 255;
  });
  return rec;
}

/** Records whose pixels encode their own label, so concatenation order is visible. */
export function cifarBatch(labels: number[]): Buffer {
  return Buffer.concat(labels.map((l) => cifarRecord(l, () => l, () => 100 + l, () => 200 + l)));
}

export const CIFAR_META = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n';

/**
 * Writes a cifar-10-batches-bin/ folder with the given files into a temp dir and packs it as a
 * tar.gz, keeping the order given (so tests can put data_batch_10 before data_batch_1).
 */
export async function makeCifarTarGz(files: [string, Buffer | string][], gzip = true): Promise<string> {
  const dir = await tempDir('cifar-fixture');
  await fs.mkdir(path.join(dir, 'cifar-10-batches-bin'));
  for (const [name, data] of files) await fs.writeFile(path.join(dir, 'cifar-10-batches-bin', name), data);
  const file = path.join(dir, gzip ? 'cifar-10-binary.tar.gz' : 'cifar-10-binary.tar');
  await createTar({ gzip, file, cwd: dir, portable: true }, files.map(([name]) => `cifar-10-batches-bin/${name}`));
  return file;
}

/** Collects what prepare prints, per level. */
export function captureOutput(): Output & { infos: string[]; warns: string[]; errors: string[] } {
  const infos: string[] = [];
  const warns: string[] = [];
  const errors: string[] = [];
  return {
    infos,
    warns,
    errors,
    info: (l) => infos.push(l),
    warn: (l) => warns.push(l),
    error: (l) => errors.push(l),
  };
}

export function histogram(labels: Uint8Array, n = 10): number[] {
  const h = new Array<number>(n).fill(0);
  for (const l of labels) h[l]++;
  return h;
}

/** A local port nothing listens on, for an immediate "connection refused". */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Serves `dir` over HTTP on 127.0.0.1 the way a static host does (404 for what is not there). */
export async function serveFolder(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir + path.sep)) return void res.writeHead(403).end();
    fs.readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A prepared file's bytes as the app reads them: decompressed as the manifest's encoding says. */
export function unpackStored(stored: Uint8Array, encoding: 'gzip' | 'brotli' | undefined): Buffer {
  if (encoding === 'gzip') return zlib.gunzipSync(stored);
  if (encoding === 'brotli') return zlib.brotliDecompressSync(stored);
  return Buffer.from(stored);
}

/** Bytes compressed as a prepared file of that encoding is (fast settings: tests only edit and write back). */
export function packStored(bytes: Uint8Array, encoding: 'gzip' | 'brotli' | undefined): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(bytes);
  if (encoding === 'brotli') return zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } });
  return Buffer.from(bytes);
}
