// Whether an uploaded file can become a model input, with a reason the UI can say (codes, translated there).
import { IMAGE_MIME_TYPES, readImageHeader, type ImageKind } from './imageHeader';

/** Larger files are refused before reading: a photo for a 28×28 or 32×32 input never needs more. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** 40 megapixels decode to 160 MB of RGBA; more would risk the tab's memory for no gain. */
export const MAX_PIXELS = 40_000_000;

export type FileProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; bytes: number; maxBytes: number }
  /** Neither its bytes nor its type say image (a PDF, a text file, a PNG name on something else). */
  | { code: 'notImage' }
  /** An image in a format the app does not take (GIF, SVG, HEIC, BMP, TIFF…); `type` is its MIME type. */
  | { code: 'unsupportedType'; type: string }
  | { code: 'tooManyPixels'; width: number; height: number; maxPixels: number }
  /** Its header is a PNG's, JPEG's or WebP's, but the browser could not decode it (damaged or cut off). */
  | { code: 'undecodable' }
  /** A grey picture with nothing drawn on it (blank or without contrast). */
  | { code: 'blank' };

export type FileProblemCode = FileProblem['code'];

export const ACCEPTED_TYPES: readonly string[] = Object.values(IMAGE_MIME_TYPES);

/** What the file says about itself: a File has these, and tests need no DOM. */
export interface FileFacts {
  size: number;
  /** MIME type as the browser guessed it, often from the name; may be ''. */
  type: string;
}

export type FileCheck = { ok: true; kind: ImageKind; width?: number; height?: number } | { ok: false; problem: FileProblem };

/** Checks a file's size and its first bytes (`header`: up to HEADER_BYTES from its start). */
export function checkImageFile(file: FileFacts, header: Uint8Array): FileCheck {
  if (file.size === 0) return { ok: false, problem: { code: 'empty' } };
  if (file.size > MAX_FILE_BYTES) return { ok: false, problem: { code: 'tooLarge', bytes: file.size, maxBytes: MAX_FILE_BYTES } };
  const found = readImageHeader(header);
  if (!found) {
    // The bytes decide: a photo.jpg that is really a PDF is not an image, whatever its name says.
    const type = file.type.toLowerCase();
    if (type.startsWith('image/') && !ACCEPTED_TYPES.includes(type)) return { ok: false, problem: { code: 'unsupportedType', type } };
    return { ok: false, problem: { code: 'notImage' } };
  }
  if (found.width !== undefined && found.height !== undefined) {
    const problem = checkPixels(found.width, found.height);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, ...found };
}

/** The pixel limit, for sizes only known after decoding (and from headers); a 0×0 image cannot be used either. */
export function checkPixels(width: number, height: number): FileProblem | null {
  if (width === 0 || height === 0) return { code: 'undecodable' };
  if (width * height > MAX_PIXELS) return { code: 'tooManyPixels', width, height, maxPixels: MAX_PIXELS };
  return null;
}
