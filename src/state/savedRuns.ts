import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import { readEntries, toRecord, type SavedRuns } from './runRecord';
import type { Run } from './runs';

// Runs saved in IndexedDB, one record per run, so one damaged record costs only itself.

let store: UseStore | null = null;
const runsStore = (): UseStore => (store ??= createStore('cnn-playground-runs', 'runs'));

export async function loadSavedRuns(): Promise<SavedRuns> {
  return readEntries(await entries<IDBValidKey, unknown>(runsStore()));
}

export function saveRun(run: Run): Promise<void> {
  return set(run.id, toRecord(run), runsStore());
}

export function deleteSavedRun(id: string): Promise<void> {
  return del(id, runsStore());
}
