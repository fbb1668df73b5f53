import { describe, expect, it } from 'vitest';
import { checkImageFile, checkPixels, MAX_FILE_BYTES, MAX_PIXELS } from '../../../src/engine/input/fileCheck';
import { readImageHeader } from '../../../src/engine/input/imageHeader';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)));
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const be16 = (v: number) => [(v >> 8) & 255, v & 255];
const le16 = (v: number) => [v & 255, (v >> 8) & 255];
const le24 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255];

const png = (w: number, h: number) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR', be32(w), be32(h), [8, 6, 0, 0, 0]);
/** SOI, an APP1 (EXIF) segment, a DQT, then a baseline frame header. */
const jpeg = (w: number, h: number) =>
  bytes([0xff, 0xd8], [0xff, 0xe1], be16(2 + 20), new Array(20).fill(7), [0xff, 0xdb], be16(4), [0, 0], [0xff, 0xc0], be16(17), [8], be16(h), be16(w), [3]);
const webpLossy = (w: number, h: number) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8 ', [0, 0, 0, 0], [0, 0, 0], [0x9d, 0x01, 0x2a], le16(w), le16(h));
const webpLossless = (w: number, h: number) => {
  const bits = (w - 1) | ((h - 1) << 14);
  return bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8L', [0, 0, 0, 0], [0x2f], [bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255]);
};
const webpExtended = (w: number, h: number) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8X', [10, 0, 0, 0], [0, 0, 0, 0], le24(w - 1), le24(h - 1));

describe('reading image headers', () => {
  it('recognises PNG, JPEG and WebP and reads their size', () => {
    expect(readImageHeader(png(640, 480))).toEqual({ kind: 'png', width: 640, height: 480 });
    expect(readImageHeader(jpeg(4032, 3024))).toEqual({ kind: 'jpeg', width: 4032, height: 3024 });
    expect(readImageHeader(webpLossy(300, 200))).toEqual({ kind: 'webp', width: 300, height: 200 });
    expect(readImageHeader(webpLossless(16383, 2))).toEqual({ kind: 'webp', width: 16383, height: 2 });
    expect(readImageHeader(webpExtended(20000, 10000))).toEqual({ kind: 'webp', width: 20000, height: 10000 });
  });

  it('still recognises a JPEG whose frame header lies beyond the bytes read', () => {
    expect(readImageHeader(jpeg(10, 10).subarray(0, 30))).toEqual({ kind: 'jpeg' });
  });

  it('recognises nothing else', () => {
    expect(readImageHeader(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(readImageHeader(bytes('%PDF-1.7\n'))).toBeNull();
    expect(readImageHeader(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(readImageHeader(new Uint8Array(0))).toBeNull();
  });
});

describe('checking an uploaded file', () => {
  it('accepts PNG, JPEG and WebP, by their bytes even under a wrong or missing MIME type', () => {
    expect(checkImageFile({ size: 1000, type: 'image/png' }, png(28, 28))).toEqual({ ok: true, kind: 'png', width: 28, height: 28 });
    expect(checkImageFile({ size: 1000, type: 'image/png' }, jpeg(28, 28))).toMatchObject({ ok: true, kind: 'jpeg' });
    expect(checkImageFile({ size: 1000, type: '' }, webpLossy(28, 28))).toMatchObject({ ok: true, kind: 'webp' });
  });

  it('says an empty file is empty', () => {
    expect(checkImageFile({ size: 0, type: 'image/png' }, new Uint8Array(0))).toEqual({ ok: false, problem: { code: 'empty' } });
  });

  it('refuses a file over the size limit before looking at it', () => {
    expect(checkImageFile({ size: MAX_FILE_BYTES + 1, type: 'image/jpeg' }, jpeg(100, 100))).toEqual({
      ok: false,
      problem: { code: 'tooLarge', bytes: MAX_FILE_BYTES + 1, maxBytes: MAX_FILE_BYTES },
    });
    expect(checkImageFile({ size: MAX_FILE_BYTES, type: 'image/jpeg' }, jpeg(100, 100)).ok).toBe(true);
  });

  it('refuses an image with too many pixels from its header, small as the file may be', () => {
    expect(checkImageFile({ size: 300_000, type: 'image/png' }, png(20000, 20000))).toEqual({
      ok: false,
      problem: { code: 'tooManyPixels', width: 20000, height: 20000, maxPixels: MAX_PIXELS },
    });
    expect(checkImageFile({ size: 300_000, type: 'image/webp' }, webpExtended(8000, 5001))).toMatchObject({ ok: false, problem: { code: 'tooManyPixels' } });
    expect(checkImageFile({ size: 300_000, type: 'image/webp' }, webpExtended(8000, 5000)).ok).toBe(true);
  });

  it('says a file that is not an image is not one, whatever its name claims', () => {
    expect(checkImageFile({ size: 9, type: 'application/pdf' }, bytes('%PDF-1.7\n'))).toEqual({ ok: false, problem: { code: 'notImage' } });
    expect(checkImageFile({ size: 5, type: 'image/png' }, bytes('hello'))).toEqual({ ok: false, problem: { code: 'notImage' } });
    expect(checkImageFile({ size: 5, type: '' }, bytes('hello'))).toEqual({ ok: false, problem: { code: 'notImage' } });
  });

  it('names an image format it does not take', () => {
    expect(checkImageFile({ size: 10, type: 'image/gif' }, bytes('GIF89a', [1, 0, 1, 0]))).toEqual({ ok: false, problem: { code: 'unsupportedType', type: 'image/gif' } });
    expect(checkImageFile({ size: 50, type: 'image/svg+xml' }, bytes('<svg/>'))).toEqual({ ok: false, problem: { code: 'unsupportedType', type: 'image/svg+xml' } });
  });

  it('checks the decoded size too, for headers that did not give it', () => {
    expect(checkPixels(8000, 5000)).toBeNull();
    expect(checkPixels(8001, 5000)).toEqual({ code: 'tooManyPixels', width: 8001, height: 5000, maxPixels: MAX_PIXELS });
    expect(checkPixels(0, 10)).toEqual({ code: 'undecodable' });
  });
});
