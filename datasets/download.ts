// Downloads official source files into a cache, verified against the publisher's MD5.
// Written for machines without network too: every wait is bounded, so install never hangs.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { SourceFormatError, SourceUnavailableError } from './errors';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface DownloadProgress {
  url: string;
  receivedBytes: number;
  /** From Content-Length; null when the server does not say. */
  totalBytes: number | null;
  bytesPerSecond: number;
  /** Last call for this file: the download finished, or failed (then `failed` is true). */
  done: boolean;
  failed?: boolean;
}

export interface DownloadOptions {
  url: string;
  md5: string;
  cacheDir: string;
  /** Name of the file in the cache. */
  fileName: string;
  /** Longest wait for a connection, the response headers, or the next chunk of data. */
  timeoutMs?: number;
  onProgress?: (p: DownloadProgress) => void;
}

export interface DownloadResult {
  path: string;
  fromCache: boolean;
}

export async function md5OfFile(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** GET with redirects; rejects if connecting or the headers take longer than timeoutMs. */
function openResponse(url: string, timeoutMs: number, redirectsLeft = 5): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.get(url, { headers: { 'user-agent': 'cnn-playground-datasets' } });
    const timer = setTimeout(() => req.destroy(new Error(`no response within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirectsLeft === 0) return reject(new Error('too many redirects'));
        return resolve(openResponse(new URL(res.headers.location, url).href, timeoutMs, redirectsLeft - 1));
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`HTTP ${status} ${res.statusMessage ?? ''}`.trim()));
      }
      resolve(res);
    });
  });
}

/**
 * Returns the cached file when its MD5 is right, otherwise downloads it to a .part file and
 * renames it into the cache only after the MD5 matches. A wrong MD5 deletes the download.
 */
export async function downloadToCache(opts: DownloadOptions): Promise<DownloadResult> {
  const { url, md5, cacheDir, fileName, onProgress } = opts;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dest = path.join(cacheDir, fileName);
  if (await exists(dest)) {
    if ((await md5OfFile(dest)) === md5) return { path: dest, fromCache: true };
    await fs.rm(dest, { force: true }); // stale or tampered cache entry: fetch again
  }
  const part = `${dest}.part`;

  let res: IncomingMessage;
  try {
    res = await openResponse(url, timeoutMs);
  } catch (err) {
    throw new SourceUnavailableError(`could not download ${url}: ${(err as Error).message}`);
  }
  await fs.mkdir(cacheDir, { recursive: true });

  const totalHeader = Number(res.headers['content-length']);
  const totalBytes = Number.isFinite(totalHeader) && totalHeader > 0 ? totalHeader : null;
  const hash = createHash('md5');
  const started = Date.now();
  let receivedBytes = 0;
  const report = (done: boolean, failed = false) =>
    onProgress?.({
      url,
      receivedBytes,
      totalBytes,
      done,
      failed,
      bytesPerSecond: receivedBytes / Math.max((Date.now() - started) / 1000, 1e-3),
    });

  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => res.destroy(new Error(`no data for ${timeoutMs / 1000} s`)), timeoutMs);
  };
  const out = await fs.open(part, 'w');
  try {
    armIdle();
    for await (const chunk of res) {
      armIdle();
      hash.update(chunk as Buffer);
      await out.write(chunk as Buffer);
      receivedBytes += (chunk as Buffer).length;
      report(false);
    }
    if (totalBytes !== null && receivedBytes !== totalBytes) {
      throw new Error(`connection closed after ${receivedBytes} of ${totalBytes} bytes`);
    }
  } catch (err) {
    if (receivedBytes > 0) report(true, true); // ends the progress line before the warning
    await out.close();
    await fs.rm(part, { force: true });
    throw new SourceUnavailableError(`could not download ${url}: ${(err as Error).message}`);
  } finally {
    clearTimeout(idle);
  }
  await out.close();
  report(true);

  const got = hash.digest('hex');
  if (got !== md5) {
    await fs.rm(part, { force: true });
    throw new SourceFormatError(url, `checksum mismatch: expected MD5 ${md5}, got ${got}; the download was deleted`);
  }
  await fs.rename(part, dest);
  return { path: dest, fromCache: false };
}

const MB = 1024 * 1024;

/**
 * Progress on stderr: one line rewritten in place on a terminal, a line every 10% (or 10 s
 * when the size is unknown) in logs so CI output stays short.
 */
export function createProgressPrinter(label: string, stream: NodeJS.WriteStream = process.stderr): (p: DownloadProgress) => void {
  const tty = Boolean(stream.isTTY);
  let lastDraw = 0;
  let lastStep = -1;
  return (p) => {
    const now = Date.now();
    const pct = p.totalBytes ? Math.floor((100 * p.receivedBytes) / p.totalBytes) : null;
    const text =
      `${label}: ${pct === null ? '' : `${pct}% `}${(p.receivedBytes / MB).toFixed(1)}` +
      `${p.totalBytes ? `/${(p.totalBytes / MB).toFixed(1)}` : ''} MB, ${(p.bytesPerSecond / MB).toFixed(1)} MB/s`;
    if (tty) {
      if (!p.done && now - lastDraw < 100) return;
      lastDraw = now;
      stream.write(`\r\x1b[K${text}${p.failed ? ' failed' : ''}${p.done ? '\n' : ''}`);
      return;
    }
    const step = pct === null ? Math.floor(now / 10_000) : Math.floor(pct / 10);
    if (p.done || step !== lastStep) {
      lastStep = step;
      stream.write(`${text}${p.done ? (p.failed ? ' failed' : ' done') : ''}\n`);
    }
  };
}
