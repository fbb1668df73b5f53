// Reading a dataset file off the network: counted as it arrives (for the byte progress bar) and gunzipped
// with the platform's DecompressionStream (in the worker in the app, in Node in tests), so the page's main
// thread never touches the bytes. Brotli, for MNIST, is in ./unbrotli.ts: only the worker needs it.
import { isGzip } from './formats/idx';

/** Bytes received so far over everything one dataset load fetches, and how many it will fetch (if known). */
export interface ByteProgress {
  loaded: number;
  total: number | null;
}

/** Called with how many more bytes came in. */
export type OnBytes = (bytes: number) => void;

/** A body's bytes, reported chunk by chunk as they arrive. */
export async function readCounted(response: Response, onBytes?: OnBytes): Promise<Uint8Array> {
  if (!response.body || !onBytes) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    onBytes(value.length);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** How a dataset's files are stored (the manifest's `encoding`); absent means plain bytes. */
export type Encoding = 'gzip' | 'brotli';

/** Why compressed data could not be decompressed, in words for the dataset panel. */
export class CompressedDataError extends Error {
  constructor(
    readonly encoding: Encoding,
    /** What the decompressor said. */
    readonly detail: string,
  ) {
    super(`is not valid ${encoding} data (${detail})`);
    this.name = 'CompressedDataError';
  }
}

/**
 * Decompresses gzip bytes (a dataset file, or a user's .gz IDX file). A server that already decoded it (one that sends `.gz` files with
 * Content-Encoding: gzip, as some static hosts do) hands over plain bytes: those are returned as they are,
 * since the manifest's size checks still catch anything wrong with them.
 */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new CompressedDataError('gzip', e instanceof Error ? e.message : String(e));
  }
}
