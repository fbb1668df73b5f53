// Recognising PNG, JPEG and WebP from their first bytes, and reading their size there, before anything is
// decoded: a small file can hold a huge image (a flat 20,000×20,000 PNG compresses to a few hundred kilobytes),
// and decoding it would take gigabytes. Browsers' MIME types come from the file name and can be empty or wrong.

export type ImageKind = 'png' | 'jpeg' | 'webp';

export const IMAGE_MIME_TYPES: Record<ImageKind, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

export interface ImageHeader {
  kind: ImageKind;
  /** Pixel size from the header, when the bytes read reach it (JPEG's can come after a large EXIF block). */
  width?: number;
  height?: number;
}

/** How many leading bytes to read: enough for JPEG's size after typical EXIF data with a thumbnail. */
export const HEADER_BYTES = 256 * 1024;

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

const be16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const be32 = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const le16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const le24 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(b: Uint8Array): ImageHeader | null {
  if (b.length < 8 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return null;
  // The first chunk must be IHDR: length (4), type (4), width (4), height (4).
  if (b.length >= 24 && ascii(b, 12, 4) === 'IHDR') return { kind: 'png', width: be32(b, 16), height: be32(b, 20) };
  return { kind: 'png' };
}

/** Start-of-frame markers carry the size: C0–CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): ImageHeader | null {
  if (b.length < 3 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) break; // lost in the segment structure: leave the size to the decoder
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, start of scan: no frame header before it
    const length = be16(b, at + 2);
    if (isStartOfFrame(marker)) {
      // FF Cn, length (2), precision (1), height (2), width (2)
      if (at + 9 <= b.length) return { kind: 'jpeg', width: be16(b, at + 7), height: be16(b, at + 5) };
      break;
    }
    at += 2 + length;
  }
  return { kind: 'jpeg' };
}

function webp(b: Uint8Array): ImageHeader | null {
  if (b.length < 16 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  // Lossy: frame tag (3) and start code 9D 01 2A, then 14-bit width and height.
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { kind: 'webp', width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  // Lossless: signature 0x2F, then width − 1 and height − 1 in 14 bits each.
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { kind: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  // Extended: flags (4), canvas width − 1 and height − 1 in 24 bits each.
  if (chunk === 'VP8X' && b.length >= 30) return { kind: 'webp', width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  return { kind: 'webp' };
}

/** The format the bytes start with, and the size when the header gives it; null for anything else. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  return png(bytes) ?? jpeg(bytes) ?? webp(bytes);
}
