import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import LZString from 'lz-string';
import { expect, openApp, SHOTS, test } from './fixtures';

// Issue 12 §4: an own dataset made from generated PNGs, one folder per class, survives a reload and trains
// above chance. The PNGs are written here, byte by byte, so the test needs no image files or libraries.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A greyscale PNG of `size`×`size` from a pixel function. */
function png(size: number, pixel: (x: number, y: number) => number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw[y * (size + 1) + 1 + x] = pixel(x, y);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Class "left": the left half bright; "right": the right half; both with noise, 40 each, and one file that is no image. */
function writeImages(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'own-dataset-'));
  let seed = 1;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % 60;
  };
  for (const side of ['left', 'right'] as const) {
    const dir = path.join(root, 'halves', side);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 40; i++) {
      writeFileSync(path.join(dir, `${i}.png`), png(40, (x) => ((x < 20) === (side === 'left') ? 190 : 20) + noise()));
    }
  }
  writeFileSync(path.join(root, 'halves', 'left', 'notes.txt'), 'not an image');
  return path.join(root, 'halves');
}

test('an own dataset of two classes of generated PNGs is created, survives a reload and trains above chance; a link to one this browser lacks falls back to MNIST', async ({ app: page }) => {
  test.setTimeout(150_000);
  const folder = writeImages();
  const start = Date.now();
  try {
    await openApp(page, '?backend=wasm');
    const panel = page.getByTestId('own-dataset');
    await panel.locator('summary').click();
    await expect(panel.getByTestId('own-limits')).toContainText('up to 20 classes and 10,000 images');
    await panel.getByTestId('own-name').fill('Halves');
    await panel.getByTestId('own-size').selectOption('grey28');
    await panel.getByTestId('own-create').click();
    await expect(panel.getByTestId('own-editor')).toBeVisible();
    await expect(panel.getByTestId('own-readiness')).toContainText('at least 2 classes');
    await panel.getByTestId('own-folder-input').setInputFiles(folder);
    await expect(panel.getByTestId('own-added')).toHaveText('Added 80 images.', { timeout: 30_000 });
    // The file that is no image is named, and the 80 images are kept all the same.
    await expect(panel.getByTestId('own-problems')).toContainText('halves/left/notes.txt is not a PNG, JPEG or WebP image.');
    await expect(panel.getByTestId('own-class-name')).toHaveCount(2);
    await expect(panel.getByTestId('own-class-name').first()).toHaveValue('left');
    await expect(panel.getByTestId('own-ready')).toBeVisible();
    await panel.screenshot({ path: `${SHOTS}/own-dataset-en.png` });
    // The open panel (inputs, thumbnails and their delete buttons) has no critical or serious axe violation.
    const axe = await new AxeBuilder({ page }).include('[data-testid="own-dataset"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    // A corrupt CIFAR-10 batch is named with what is wrong, and nothing is added or lost.
    await panel.getByTestId('own-files-input').setInputFiles({ name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(3073 + 5) });
    await expect(panel.getByTestId('own-problems')).toHaveText('data_batch_1.bin could not be read: wrong size: 3078 bytes is not a positive multiple of the 3073-byte record size.');
    await expect(panel.getByTestId('own-class-count')).toHaveText(['40 images', '40 images']);
    // Rename a class and delete one of its images: both are stored.
    const right = panel.getByTestId('own-class').nth(1);
    await right.getByTestId('own-class-name').fill('right side');
    await right.getByTestId('own-class-name').press('Enter');
    await right.getByRole('button', { name: /^Delete image \d+\.png$/ }).first().click();
    await expect(right.getByTestId('own-class-count')).toHaveText('39 images');
    // A full quota (the next write fails as the browser fails it): its own message, and nothing stored is lost.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        IDBObjectStore.prototype.put = put;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await right.getByRole('button', { name: /^Delete image \d+\.png$/ }).first().click();
    await expect(panel.getByTestId('own-problems')).toContainText('The browser’s storage for this site is full, so the change was not saved. Nothing stored before was lost');
    await expect(right.getByTestId('own-class-count')).toHaveText('39 images');

    console.log(`created in ${Math.round((Date.now() - start) / 1000)} s`);
    await page.reload();
    await expect(page.getByTestId('sample-grid')).toBeVisible({ timeout: 60_000 });
    await expect(panel.getByTestId('own-dataset-item')).toContainText('Halves');
    await expect(panel.getByTestId('own-dataset-item')).toContainText('79 images in 2 classes');
    await page.getByTestId('dataset-select').selectOption({ label: 'Halves' });
    // 1 in 5 of each class is a test image: 32 + 32 train, 8 + 7 test.
    await expect(page.getByTestId('dataset-status')).toContainText('64 training and 15 test images, 28×28×1');
    await expect(page.getByTestId('dataset-panel')).toContainText('right side');
    await expect(page.getByTestId('sample-grid')).toBeVisible();
    await page.getByTestId('dataset-panel').screenshot({ path: `${SHOTS}/own-dataset-explorer.png` });
    await expect(page.getByTestId('layer-issue')).toHaveCount(0);
    await page.getByTestId('epochs').fill('4');
    await page.getByTestId('batch-size').fill('8');
    const trainStart = Date.now();
    await page.getByTestId('startTraining').click();
    await expect(page.getByTestId('test-accuracy')).toBeVisible({ timeout: 90_000 });
    const accuracy = parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0');
    console.log(`own dataset (2 classes, 52 training images, 4 epochs): test accuracy ${accuracy}% (${Math.round((Date.now() - trainStart) / 1000)} s to train)`);
    expect(accuracy).toBeGreaterThan(50);

    await page.getByTestId('language').selectOption('zh');
    await panel.getByTestId('own-edit').click();
    await expect(panel.getByTestId('own-class-name').nth(1)).toHaveValue('right side');
    await panel.screenshot({ path: `${SHOTS}/own-dataset-zh.png` });

    // A link made on another machine names an own dataset this browser does not have: said, and MNIST instead.
    await page.getByTestId('language').selectOption('en');
    const link = LZString.compressToEncodedURIComponent(JSON.stringify({ version: 1, dataset: 'own-elsewhere1' }));
    await page.goto(`/?backend=wasm#experiment=${link}`);
    await expect(page.getByTestId('dataset-notice')).toContainText('own dataset (own-elsewhere1) that is not stored in this browser');
    await expect(page.getByTestId('dataset-notice')).toContainText('MNIST is loaded instead');
    await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
    await expect(page.getByTestId('dataset-status')).toContainText('60,000 training');
    // The own dataset is still there.
    await expect(panel.getByTestId('own-dataset-item')).toContainText('Halves');
  } finally {
    rmSync(path.dirname(folder), { recursive: true, force: true });
  }
});

