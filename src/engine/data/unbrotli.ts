// Brotli decoding for the dataset files stored so (MNIST, the default start: 9.7 MB on the wire instead of
// gzip's 11.4). Chromium's DecompressionStream takes gzip but not brotli, so the `brotli` package's
// JavaScript decoder does it, in the training worker. A file of its own so the page's bundle, which
// gunzips users' IDX uploads through ./download.ts, does not carry the decoder.
import { decompress as brotliDecompress } from 'brotli/decompress';
import { CompressedDataError, gunzip, type Encoding } from './download';

/**
 * Decompresses brotli bytes that unpack to `size` bytes. Brotli has no magic number, so bytes a server
 * already decoded (one that sends `.br` files with Content-Encoding: br) are told apart by their length:
 * exactly `size` bytes are the plain data. The decoder is synchronous: 47 MB of MNIST take under a second,
 * in the worker.
 */
export function unbrotli(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length === size) return bytes;
  try {
    return brotliDecompress(bytes, size);
  } catch (e) {
    throw new CompressedDataError('brotli', e instanceof Error ? e.message : String(e));
  }
}

/** The stored bytes of a dataset file as the plain bytes (`size` of them when intact). */
export async function decodeStored(bytes: Uint8Array, encoding: Encoding | undefined, size: number): Promise<Uint8Array> {
  if (encoding === 'gzip') return gunzip(bytes);
  if (encoding === 'brotli') return unbrotli(bytes, size);
  return bytes;
}
