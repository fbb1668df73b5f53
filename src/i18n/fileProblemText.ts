import type { TFunction } from 'i18next';
import type { FileProblem } from '../engine/input/fileCheck';
import { formatBytes } from '../engine/train/memory';

/** Says why an uploaded file cannot be used, in the current language, naming the file. */
export function sayFileProblem(t: TFunction, p: FileProblem, name: string): string {
  const n = (x: number, digits = 0) => x.toLocaleString(t('memory.locale') as string, { maximumFractionDigits: digits });
  switch (p.code) {
    case 'tooLarge':
      return t('drawPad.problem.tooLarge', { name, size: formatBytes(p.bytes), max: formatBytes(p.maxBytes) }) as string;
    case 'tooManyPixels':
      return t('drawPad.problem.tooManyPixels', {
        name,
        width: n(p.width),
        height: n(p.height),
        megapixels: n((p.width * p.height) / 1e6, 1),
        max: n(p.maxPixels / 1e6),
      }) as string;
    case 'unsupportedType':
      return t('drawPad.problem.unsupportedType', { name, type: p.type }) as string;
    default:
      return t(`drawPad.problem.${p.code}`, { name }) as string;
  }
}
