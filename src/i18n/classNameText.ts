import { isBuiltinDatasetId, type DatasetId } from '../engine/data/catalog';
import type { Language } from './index';

// The built-in datasets' class names as the UI shows them in Chinese. The catalog keeps the names their
// publishers gave (they are what the files, the CSV and the exports say); only what is drawn is translated.
// MNIST's names are digits and stay as they are; own datasets keep the names their folders gave.
const ZH: Partial<Record<DatasetId, readonly string[]>> = {
  'fashion-mnist': ['T恤/上衣', '裤子', '套头衫', '连衣裙', '外套', '凉鞋', '衬衫', '运动鞋', '包', '短靴'],
  cifar10: ['飞机', '汽车', '鸟', '猫', '鹿', '狗', '青蛙', '马', '船', '卡车'],
};

/** `names` (a dataset's class names, in its own order) as the UI shows them in `language`. */
export function classNameText(datasetId: DatasetId, names: readonly string[], language: string): string[] {
  const table = (language as Language) === 'zh' && isBuiltinDatasetId(datasetId) ? ZH[datasetId] : undefined;
  // A list of another length is not the one the table was written for: shown as it came.
  return table && table.length === names.length ? [...table] : [...names];
}
