// lz-string is CommonJS: a default import works under Vite, vitest and Node's ESM loader (Playwright) alike.
import LZString from 'lz-string';
import { restore, type Restored } from './restore';
import { SETTINGS, valueAt, withValueAt } from './settings';
import type { Classroom, Experiment } from './spec';

// An experiment in the address: the settings a link carries (settings.ts), as JSON compressed by
// lz-string into URL-safe characters after "#experiment=". The fragment never reaches a server, and the
// LeNet default takes about 700 characters (842 as JSON), short enough for a QR code.

export const HASH_KEY = 'experiment';

/** The experiment as a link carries it: the shared settings and the classroom lists, nothing else. */
export function sharedPart(experiment: Experiment, classroom: Classroom = experiment.classroom): Record<string, unknown> {
  let out: Record<string, unknown> = { version: experiment.version };
  for (const setting of SETTINGS) {
    if (setting.shared) out = withValueAt(out, setting.path, valueAt(experiment, setting.path));
  }
  if (classroom.hidden.length > 0 || classroom.locked.length > 0) out.classroom = classroom;
  return out;
}

/** The fragment (without "#") that carries `experiment`, with `classroom` as the teacher chose it. */
export function encodeHash(experiment: Experiment, classroom?: Classroom): string {
  return `${HASH_KEY}=${LZString.compressToEncodedURIComponent(JSON.stringify(sharedPart(experiment, classroom)))}`;
}

/** The whole link: this page's address with the experiment in its fragment. */
export function shareUrl(pageUrl: string, experiment: Experiment, classroom?: Classroom): string {
  const url = new URL(pageUrl);
  url.hash = encodeHash(experiment, classroom);
  return url.toString();
}

/**
 * The experiment a fragment carries, through the gate; null when the fragment carries none. A damaged
 * one (cut short when copied, a character changed) still gives an answer: the default experiment and a
 * message saying the link is damaged.
 */
export function decodeHash(hash: string): Restored | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const data = params.get(HASH_KEY);
  if (data === null) return null;
  // URLSearchParams reads "+" as a space; lz-string's alphabet uses "+", so put it back.
  const text = LZString.decompressFromEncodedURIComponent(data.replace(/ /g, '+'));
  let raw: unknown;
  try {
    if (!text) throw new Error('empty');
    raw = JSON.parse(text);
  } catch {
    const fallback = restore({}, 'link');
    return { ...fallback, problems: [{ code: 'damagedLink' }] };
  }
  return restore(raw, 'link');
}
