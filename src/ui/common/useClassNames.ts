import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { classNameText } from '../../i18n/classNameText';
import type { DatasetId } from '../../engine/data/catalog';

/** A dataset's class names in the UI's language (Fashion-MNIST and CIFAR-10 are translated in Chinese). */
export function useClassNames(datasetId: DatasetId | undefined, names: readonly string[]): string[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Keyed on the list's content, so a new array of the same names does not redraw what depends on it.
  const key = names.join('\u0000');
  return useMemo(() => (datasetId ? classNameText(datasetId, names, language) : [...names]), [datasetId, key, language]);
}
