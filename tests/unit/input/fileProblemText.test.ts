import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { FileProblem } from '../../../src/engine/input/fileCheck';
import { MAX_FILE_BYTES, MAX_PIXELS } from '../../../src/engine/input/fileCheck';
import { en } from '../../../src/i18n/en';
import { sayFileProblem } from '../../../src/i18n/fileProblemText';
import { zh } from '../../../src/i18n/zh';

const PROBLEMS: FileProblem[] = [
  { code: 'empty' },
  { code: 'tooLarge', bytes: 31_457_280, maxBytes: MAX_FILE_BYTES },
  { code: 'notImage' },
  { code: 'unsupportedType', type: 'image/gif' },
  { code: 'tooManyPixels', width: 20000, height: 20000, maxPixels: MAX_PIXELS },
  { code: 'undecodable' },
  { code: 'blank' },
];

async function say(lng: 'en' | 'zh') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return PROBLEMS.map((p) => sayFileProblem(i18n.t, p, 'digit.png'));
}

describe('file problems in words', () => {
  it('says each one in English, naming the file and the limits', async () => {
    expect(await say('en')).toEqual([
      'digit.png is empty (0 bytes).',
      'digit.png is 30 MB, more than the 20 MB this page accepts.',
      'digit.png is not a PNG, JPEG or WebP image.',
      'digit.png is in a format this page does not take (image/gif); use a PNG, JPEG or WebP image.',
      'digit.png is 20,000×20,000 pixels (400 megapixels), more than the 40 megapixels this page accepts.',
      'digit.png looks like an image but could not be decoded: it may be damaged or cut off.',
      'Nothing is drawn in digit.png: the picture is blank or has too little contrast.',
    ]);
  });

  it('says each one in Chinese with nothing left over', async () => {
    for (const text of await say('zh')) {
      expect(text).toContain('digit.png');
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/\{\{|drawPad\./);
    }
  });
});
