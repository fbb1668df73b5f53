import * as Comlink from 'comlink';
import { isOwnDatasetId, type DatasetId, type OwnDatasetId } from '../engine/data/catalog';
import { SourceFormatError } from '../engine/data/formats/formatError';
import { fileKind, isGzip, pairIdxFiles, type FileKind } from '../engine/data/ownImport';
import { CompressedDataError, gunzip } from '../engine/data/download';
import {
  addClass,
  addImages,
  classFromPath,
  convertImage,
  deleteClass,
  deleteImage,
  imagesFromCifar,
  imagesFromIdx,
  newOwnDataset,
  ownDatasetArrays,
  renameClass,
  summarize,
  trainingProblems,
  type OwnDataset,
  type OwnImage,
  type OwnInputSize,
  type OwnResult,
} from '../engine/data/userDatasets';
import { decodeImageFile, isFileProblem } from '../engine/input/decodeFile';
import type { LoadedDataset } from '../engine/session';
import { getEngine } from '../state/engine';
import { deleteOwnDataset, getOwnDataset, listOwnDatasets, OwnStorageError, putOwnDataset } from '../state/ownDatasetStorage';
import { getApp, isTraining, setApp, type OwnNotice, type OwnDatasetsState } from '../state/store';
import { defineAction } from './types';
import { fitOwnSizes, refreshPreview, selectDataset } from './datasetActions';

// Own datasets: made from the user's files in the own-dataset panel, kept in IndexedDB, and handed to the
// worker (transferred) when chosen in the dataset menu. Every change is worked out on a copy
// (src/engine/data/userDatasets.ts), written, and only then shown: a change that fails shows why and
// leaves the stored dataset, and the panel, as they were.

const setOwn = (patch: Partial<OwnDatasetsState>) => setApp((s) => ({ own: { ...s.own, ...patch } }));

const problemOf = (e: unknown): OwnNotice => {
  if (e instanceof OwnStorageError) return { kind: 'own', problem: e.problem };
  if (e instanceof SourceFormatError) return { kind: 'own', problem: { code: 'badFile', file: e.file, problem: e.problem } };
  return { kind: 'own', problem: { code: 'storage', detail: e instanceof Error ? e.message : String(e) } };
};

/** Reads the stored datasets into the list (at start, and after a change elsewhere). */
export async function refreshOwnDatasets(): Promise<void> {
  try {
    const { datasets, unreadable } = await listOwnDatasets();
    setOwn({ list: datasets.map(summarize) });
    if (unreadable.length > 0) {
      setOwn({ problems: unreadable.map((u) => ({ kind: 'own', problem: { code: 'storage', detail: `${u.id}: ${u.detail}` } })) });
    }
  } catch (e) {
    setOwn({ problems: [problemOf(e)] });
  }
}

/** Writes `next`, then shows it; when the write fails nothing changes but the message. */
async function commit(next: OwnDataset, notices: OwnNotice[] = [], added: number | null = null): Promise<boolean> {
  try {
    await putOwnDataset(next);
  } catch (e) {
    setOwn({ busy: false, problems: [...notices, problemOf(e)], added: null });
    return false;
  }
  setApp((s) => {
    const summary = summarize(next);
    const known = s.own.list.some((d) => d.id === next.id);
    const list = known ? s.own.list.map((d) => (d.id === next.id ? summary : d)) : [...s.own.list, summary];
    return { own: { ...s.own, list, editing: next, busy: false, problems: notices, added } };
  });
  // The dataset in use changed: the engine gets the new arrays, the explorer the new images.
  if (getApp().datasetId === next.id) await useOwnDataset(next.id, true);
  return true;
}

/** Applies a pure change to the dataset being edited. */
async function change(apply: (d: OwnDataset) => OwnResult | OwnDataset): Promise<void> {
  const editing = getApp().own.editing;
  if (!editing) return;
  const result = apply(editing);
  if ('ok' in result) {
    if (!result.ok) return setOwn({ problems: [{ kind: 'own', problem: result.problem }], added: null });
    await commit(result.dataset);
  } else await commit(result);
}

const notWhileTraining = (s: ReturnType<typeof getApp>) => !isTraining(s) && !s.own.busy;

export const createOwnDataset = defineAction<{ name: string; size: OwnInputSize }>({
  name: 'createOwnDataset',
  labelKey: 'own.create',
  enabled: notWhileTraining,
  async perform({ name, size }) {
    setOwn({ busy: true });
    await commit(newOwnDataset(name, size));
  },
});

export const editOwnDataset = defineAction<OwnDatasetId | null>({
  name: 'editOwnDataset',
  labelKey: 'own.edit',
  async perform(id) {
    if (id === null) return setOwn({ editing: null, problems: [], added: null });
    try {
      const dataset = await getOwnDataset(id);
      setOwn({ editing: dataset, problems: [], added: null });
    } catch (e) {
      setOwn({ problems: [problemOf(e)] });
    }
  },
});

export const removeOwnDataset = defineAction<OwnDatasetId>({
  name: 'removeOwnDataset',
  labelKey: 'own.deleteDataset',
  enabled: notWhileTraining,
  async perform(id) {
    try {
      await deleteOwnDataset(id);
    } catch (e) {
      return setOwn({ problems: [problemOf(e)] });
    }
    setApp((s) => ({ own: { ...s.own, list: s.own.list.filter((d) => d.id !== id), editing: s.own.editing?.id === id ? null : s.own.editing, problems: [] } }));
    void getEngine().removeDataset(id);
    // The dataset in use is gone: back to MNIST, as for a link to a dataset this browser lacks.
    if (getApp().datasetId === id) {
      await selectDataset.perform('mnist');
    }
  },
});

/** A file with the path it had in a dropped or chosen folder ('' for a file on its own). */
export interface PickedFile {
  file: File;
  path: string;
}

/** The bytes of a file, un-gzipped where it is gzip (IDX files are usually served so). */
async function bytesOf(file: File): Promise<Uint8Array> {
  try {
    return await gunzip(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    if (e instanceof CompressedDataError) throw new SourceFormatError(file.name, `corrupt gzip data (${e.detail})`);
    throw e;
  }
}

async function headOf(file: File): Promise<Uint8Array> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return isGzip(head) ? (await bytesOf(file)).subarray(0, 4) : head;
}

/**
 * Adds files: images (their class is the folder they are in, else `className`), IDX pairs and CIFAR-10
 * batches (classes from their labels). Files that cannot be used are each named with the reason; the rest
 * are added, unless a limit is passed, which adds nothing.
 */
export const addOwnFiles = defineAction<{ files: PickedFile[]; className?: string }>({
  name: 'addOwnFiles',
  labelKey: 'own.addFiles',
  enabled: notWhileTraining,
  async perform({ files, className }) {
    const editing = getApp().own.editing;
    if (!editing || files.length === 0) return;
    setOwn({ busy: true, problems: [], added: null });
    const notices: OwnNotice[] = [];
    const images: OwnImage[] = [];
    const idxImages: PickedFile[] = [];
    const idxLabels: PickedFile[] = [];
    const size: OwnInputSize = editing.size;
    for (const picked of files) {
      const name = picked.path || picked.file.name;
      let kind: FileKind;
      try {
        kind = fileKind(picked.file.name, await headOf(picked.file), picked.file.size);
      } catch (e) {
        notices.push(problemOf(e));
        continue;
      }
      if (kind === 'idx-images') idxImages.push(picked);
      else if (kind === 'idx-labels') idxLabels.push(picked);
      else if (kind === 'cifar') {
        try {
          images.push(...imagesFromCifar(await bytesOf(picked.file), name, size));
        } catch (e) {
          notices.push(problemOf(e));
        }
      } else {
        const target = classFromPath(picked.path) ?? className ?? null;
        if (!target) {
          notices.push({ kind: 'own', problem: { code: 'noClass', file: name } });
          continue;
        }
        const decoded = await decodeImageFile(picked.file).catch(() => ({ code: 'undecodable' as const }));
        if (isFileProblem(decoded)) notices.push({ kind: 'file', file: name, problem: decoded });
        else images.push({ className: target, source: picked.file.name, pixels: convertImage(decoded, size) });
      }
    }
    const named = (p: PickedFile) => ({ ...p, name: p.path || p.file.name });
    const { pairs, unpaired } = pairIdxFiles(idxImages.map(named), idxLabels.map(named));
    for (const u of unpaired) notices.push({ kind: 'own', problem: { code: 'idxPair', file: u.name } });
    for (const pair of pairs) {
      try {
        images.push(...imagesFromIdx(await bytesOf(pair.images.file), pair.images.name, await bytesOf(pair.labels.file), pair.labels.name, size));
      } catch (e) {
        notices.push(problemOf(e));
      }
    }
    if (images.length === 0) return setOwn({ busy: false, problems: notices, added: null });
    const result = addImages(editing, images);
    if (!result.ok) return setOwn({ busy: false, problems: [...notices, { kind: 'own', problem: result.problem }], added: null });
    await commit(result.dataset, notices, images.length);
  },
});

export const addOwnClass = defineAction<string>({
  name: 'addOwnClass',
  labelKey: 'own.addClass',
  enabled: notWhileTraining,
  perform: (name) => change((d) => addClass(d, name)),
});

export const renameOwnClass = defineAction<{ index: number; name: string }>({
  name: 'renameOwnClass',
  labelKey: 'own.renameClass',
  enabled: notWhileTraining,
  perform: ({ index, name }) => change((d) => renameClass(d, index, name)),
});

export const deleteOwnClass = defineAction<number>({
  name: 'deleteOwnClass',
  labelKey: 'own.deleteClass',
  enabled: notWhileTraining,
  perform: (index) => change((d) => deleteClass(d, index)),
});

export const deleteOwnImage = defineAction<{ classIndex: number; imageIndex: number }>({
  name: 'deleteOwnImage',
  labelKey: 'own.deleteImage',
  enabled: notWhileTraining,
  perform: ({ classIndex, imageIndex }) => change((d) => deleteImage(d, classIndex, imageIndex)),
});

/**
 * Hands own dataset `id` from IndexedDB to the engine. 'missing' when this browser does not have it (a link
 * made on another machine), 'notReady' when it cannot be trained on yet (the panel lists why). `inUse`: it
 * is the dataset selected now and was edited, so the explorer and the subsets follow the new images.
 */
export async function useOwnDataset(id: OwnDatasetId, inUse: boolean): Promise<{ status: 'loaded'; dataset: LoadedDataset } | { status: 'missing' } | { status: 'notReady' }> {
  const start = performance.now();
  const stored = await getOwnDataset(id);
  if (!stored) return { status: 'missing' };
  if (trainingProblems(stored).length > 0) {
    void getEngine().removeDataset(id);
    if (inUse) setApp({ dataset: null, preview: null, augmentationPreview: null });
    return { status: 'notReady' };
  }
  const arrays = ownDatasetArrays(stored);
  const buffers = [arrays.train.images.buffer, arrays.train.labels.buffer, arrays.test.images.buffer, arrays.test.labels.buffer];
  const loaded = await getEngine().addDataset(Comlink.transfer(arrays, buffers as ArrayBuffer[]));
  const dataset = { ...loaded, loadMs: performance.now() - start };
  if (inUse && getApp().datasetId === id) {
    setApp((s) => ({ dataset, subsets: fitOwnSizes(s.subsets, dataset.trainCount, dataset.testCount) }));
    await refreshPreview();
  }
  return { status: 'loaded', dataset };
}

/**
 * The engine's loadDataset for any dataset: an own one is first handed over from IndexedDB (a worker that
 * was restarted, or a run queued on it, has not got it). Throws, saying why, where it cannot be trained on.
 */
export async function loadDatasetInEngine(id: DatasetId): Promise<LoadedDataset> {
  if (!isOwnDatasetId(id)) return getEngine().loadDataset(id);
  // Already there (the usual case): nothing to copy, and nothing changes under a run in progress.
  const there = await getEngine().hasDataset(id);
  if (there) return there;
  const own = await useOwnDataset(id, false);
  if (own.status === 'loaded') return own.dataset;
  throw new Error(own.status === 'missing' ? `own dataset ${id} is not stored in this browser` : `own dataset ${id} cannot be trained on yet: see Your own images`);
}
