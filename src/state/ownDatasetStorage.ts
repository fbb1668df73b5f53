import type { OwnDatasetId } from '../engine/data/catalog';
import { readOwnDataset, type OwnDataset, type OwnProblem } from '../engine/data/userDatasets';

// Own datasets in IndexedDB: one database, one object store, one record per dataset (its classes' pixels as
// Uint8Arrays, which IndexedDB stores as binary). A change writes the whole record in one transaction, so a
// write that fails (the quota, most often) aborts and leaves the record as it was: nothing stored is lost.
// Kept thin on purpose: what a dataset may hold is decided in src/engine/data/userDatasets.ts, and what comes
// back is read through its gate (readOwnDataset).

const DB_NAME = 'cnn-own-datasets';
const STORE = 'datasets';

/** A write or read that failed, as the panel says it. */
export class OwnStorageError extends Error {
  constructor(readonly problem: OwnProblem) {
    super(problem.code === 'storage' ? problem.detail : problem.code);
    this.name = 'OwnStorageError';
  }
}

function isQuota(error: unknown): boolean {
  // Chromium and Firefox name it QuotaExceededError; older Firefox used NS_ERROR_DOM_QUOTA_REACHED.
  const name = (error as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** A failed IndexedDB call as the panel says it: a full quota apart from everything else. */
export function storageFailure(error: unknown): OwnStorageError {
  if (isQuota(error)) return new OwnStorageError({ code: 'quota' });
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error ?? 'unknown error');
  return new OwnStorageError({ code: 'storage', detail });
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new OwnStorageError({ code: 'storage', detail: 'this browser has no IndexedDB' }));
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(storageFailure(request.error));
  }).catch((e) => {
    opening = null;
    throw e;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(STORE, mode);
    } catch (e) {
      reject(storageFailure(e));
      return;
    }
    const request = work(tx.objectStore(STORE));
    // Resolved only when the transaction commits: a quota error can surface at commit, after the request succeeded.
    tx.oncomplete = () => resolve(request.result);
    tx.onabort = () => reject(storageFailure(tx.error ?? request.error));
    tx.onerror = () => reject(storageFailure(tx.error ?? request.error));
  });
}

export interface StoredOwnDatasets {
  datasets: OwnDataset[];
  /** Records that could not be read back (another version wrote them, or they are damaged). */
  unreadable: { id: string; detail: string }[];
}

export async function listOwnDatasets(): Promise<StoredOwnDatasets> {
  const records = await run<unknown[]>('readonly', (s) => s.getAll());
  const out: StoredOwnDatasets = { datasets: [], unreadable: [] };
  for (const raw of records) {
    const read = readOwnDataset(raw);
    if (read.ok) out.datasets.push(read.dataset);
    else out.unreadable.push({ id: String((raw as { id?: unknown } | null)?.id ?? '?'), detail: read.detail });
  }
  out.datasets.sort((a, b) => a.createdAt - b.createdAt);
  return out;
}

/** The dataset, null when it is not stored here (deleted, or a link from another machine). */
export async function getOwnDataset(id: OwnDatasetId): Promise<OwnDataset | null> {
  const raw = await run<unknown>('readonly', (s) => s.get(id));
  if (raw === undefined) return null;
  const read = readOwnDataset(raw);
  if (!read.ok) throw new OwnStorageError({ code: 'storage', detail: read.detail });
  return read.dataset;
}

/** Writes the whole dataset; throws OwnStorageError (code 'quota' when the browser's storage is full). */
export async function putOwnDataset(dataset: OwnDataset): Promise<void> {
  try {
    await run('readwrite', (s) => s.put(dataset));
  } catch (e) {
    throw e instanceof OwnStorageError ? e : storageFailure(e);
  }
}

export async function deleteOwnDataset(id: OwnDatasetId): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}
