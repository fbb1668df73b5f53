import type { Experiment } from '../experiment/spec';

// The editor's experiment in this browser's localStorage. Read back only through the gate
// (src/experiment/restore.ts): what is stored may come from an older version or be damaged.

export const EXPERIMENT_STORAGE_KEY = 'cnn-playground-experiment';

/** The stored text, as written (restoreText parses and checks it). */
export function readSavedExperiment(): { found: false } | { found: true; text: string } {
  try {
    const text = localStorage.getItem(EXPERIMENT_STORAGE_KEY);
    return text === null ? { found: false } : { found: true, text };
  } catch {
    return { found: false }; // storage disabled (private mode): nothing was saved either
  }
}

/** False when the browser refused (storage full or disabled): the editor still works, only unsaved. */
export function writeSavedExperiment(e: Experiment): boolean {
  try {
    localStorage.setItem(EXPERIMENT_STORAGE_KEY, JSON.stringify(e));
    return true;
  } catch {
    return false;
  }
}
