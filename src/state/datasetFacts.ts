import { CATALOG, isBuiltinDatasetId, type DatasetId } from '../engine/data/catalog';
import type { OwnDatasetsState } from './store';

/** Where own datasets are listed: the store, or just its list. */
type WithOwn = { own: Pick<OwnDatasetsState, 'list'> };

/** What the UI shows of a dataset by id, built-in (the catalog) or own (the list read from IndexedDB). */
export interface DatasetFacts {
  name: string;
  imageShape: [number, number, number];
  classNames: string[];
  /** The built-in datasets' license line; null for own images. */
  license: string | null;
}

export function datasetFacts(s: WithOwn, id: DatasetId): DatasetFacts | null {
  if (isBuiltinDatasetId(id)) {
    const info = CATALOG[id];
    return { name: info.name, imageShape: info.imageShape, classNames: info.classNames, license: info.license };
  }
  const own = s.own.list.find((d) => d.id === id);
  return own ? { name: own.name, imageShape: own.imageShape, classNames: own.classNames, license: null } : null;
}

/** Class names of a dataset by id, as many numbers as `fallbackCount` where the dataset is not known here. */
export function classNamesOf(s: WithOwn, id: DatasetId, fallbackCount = 10): string[] {
  return datasetFacts(s, id)?.classNames ?? Array.from({ length: fallbackCount }, (_, i) => String(i));
}
