// Decoding an image file to RGBA pixels with the browser's own decoders (createImageBitmap, OffscreenCanvas):
// no DOM, so it runs on the page and in a worker alike. Shared by the image upload and the own-dataset import.
import { checkImageFile, checkPixels, type FileProblem } from './fileCheck';
import { HEADER_BYTES } from './imageHeader';
import type { RgbaImage } from './imageInput';

/**
 * Photos are first shrunk by the browser, off the JavaScript thread, to at most this many pixels on their
 * longer side: plenty for a 28×28 or 32×32 input, and the conversion in JavaScript then takes milliseconds.
 */
export const WORK_SIDE = 512;

/** Decodes a file to RGBA pixels, no larger than WORK_SIDE; a problem if it cannot be used. */
export async function decodeImageFile(file: Blob): Promise<RgbaImage | FileProblem> {
  const header = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const check = checkImageFile(file, header);
  if (!check.ok) return check.problem;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file); // decodes off the main thread; EXIF orientation applied
  } catch {
    return { code: 'undecodable' };
  }
  try {
    const tooMany = checkPixels(bitmap.width, bitmap.height); // headers that did not give the size
    if (tooMany) return tooMany;
    const scale = Math.min(1, WORK_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    let small = bitmap;
    if (scale < 1) {
      // Browsers without resize options return the full size; drawImage below scales it then.
      small = await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' }).catch(() => bitmap);
    }
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(small, 0, 0, width, height);
    if (small !== bitmap) small.close();
    return ctx.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

export const isFileProblem = (x: RgbaImage | FileProblem): x is FileProblem => 'code' in x;
