import { restoreText, type Restored } from '../experiment/restore';
import type { ClassroomAccess } from '../experiment/settings';
import { NO_CLASSROOM } from '../experiment/classroom';
import { decodeHash, shareUrl } from '../experiment/urlCodec';
import { download, stamp } from '../state/download';
import { currentExperiment, experimentToEditor } from '../state/experiment';
import { readSavedExperiment, writeSavedExperiment } from '../state/savedExperiment';
import { getApp, isTraining, setApp, useApp, type AppState } from '../state/store';
import { refreshPreview, selectDataset } from './datasetActions';
import { defineAction } from './types';

// The experiment as a whole: brought back at start (a link first, else this browser's saved copy), saved
// on every change, shared as a link or a QR code, exported and imported as a file, and the classroom
// (teacher) link that hides or locks chosen controls. Everything that comes in passes restore.ts.

/** Problems that mean nothing could be read: the experiment on screen (or saved) stays as it was. */
const FATAL = new Set(['notJson', 'damagedLink', 'notExperiment']);

const unreadable = (r: Restored) => r.problems.some((p) => FATAL.has(p.code));

/** Puts a restored experiment into the editor, and loads its dataset once the engine runs. */
async function apply(restored: Restored): Promise<void> {
  const before = getApp();
  setApp(experimentToEditor(before, restored.experiment));
  if (!before.backend) return; // at start: boot loads the dataset the experiment names
  if (restored.experiment.dataset !== before.datasetId || !before.dataset) await selectDataset.perform(restored.experiment.dataset);
  else await refreshPreview();
}

function notice(restored: Restored, name: string | null = null): AppState['experimentNotice'] {
  return { source: restored.source, name, loaded: !unreadable(restored), problems: restored.problems };
}

/** The experiment in the address, if any, taken out of it so that a reload brings back the saved copy. */
function takeLinkFromAddress(): Restored | null {
  const fromLink = decodeHash(location.hash);
  if (fromLink) history.replaceState(null, '', location.pathname + location.search);
  return fromLink;
}

/**
 * At start, before the engine: the experiment in the address wins (and is then taken out of the address,
 * so a reload brings back the student's own edits, saved from here on); else the saved one. A damaged link
 * says so and leaves the saved (or default) experiment on screen. True when an experiment (a link's or the
 * saved one) is now in the editor.
 */
export async function bringBackExperiment(): Promise<boolean> {
  const fromLink = takeLinkFromAddress();
  if (fromLink && !unreadable(fromLink)) {
    await apply(fromLink);
    setApp({ experimentNotice: notice(fromLink) });
    writeSavedExperiment(currentExperiment(getApp()));
    return true;
  }
  let applied = false;
  const saved = readSavedExperiment();
  if (saved.found) {
    const restored = restoreText(saved.text, 'saved');
    applied = !unreadable(restored);
    if (applied) await apply(restored);
    // The saved copy is the user's own: say something only when part of it could not be read.
    if (!fromLink && restored.problems.length > 0) setApp({ experimentNotice: notice(restored) });
  }
  if (fromLink) setApp({ experimentNotice: notice(fromLink) });
  return applied;
}

/**
 * A link pasted into the address bar of the open app changes only the fragment, which reloads nothing:
 * read it here. Not while training (the editor is frozen then); the link stays in the address until Train ends.
 */
export const openLinkInAddress = defineAction({
  name: 'openLinkInAddress',
  labelKey: 'experiment.title',
  enabled: (s) => !isTraining(s),
  async perform() {
    if (isTraining(getApp())) return;
    const fromLink = takeLinkFromAddress();
    if (!fromLink) return;
    if (!unreadable(fromLink)) await apply(fromLink);
    setApp({ experimentNotice: notice(fromLink) });
  },
});

/** How long edits wait before they are written: a burst of typing is one write. */
const SAVE_DELAY_MS = 300;

let saving: (() => void) | null = null;

/**
 * Saves the editor's experiment on every change (debounced), and at once when the page is hidden or
 * closed, so a reload right after an edit still has it.
 */
export function persistExperiment(): () => void {
  saving?.();
  let last = JSON.stringify(currentExperiment(getApp()));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const now = JSON.stringify(currentExperiment(getApp()));
    if (now === last) return;
    last = now;
    writeSavedExperiment(JSON.parse(now));
  };
  const unsubscribe = useApp.subscribe((s, prev) => {
    // Live training updates change runs many times a second; the experiment only when the editor does.
    if (s.layers === prev.layers && s.optimizer === prev.optimizer && s.schedule === prev.schedule && s.subsets === prev.subsets &&
      s.datasetId === prev.datasetId && s.presetId === prev.presetId && s.batchSize === prev.batchSize && s.epochs === prev.epochs &&
      s.seed === prev.seed && s.l1 === prev.l1 && s.l2 === prev.l2 && s.earlyStoppingPatience === prev.earlyStoppingPatience &&
      s.restoreBestWeights === prev.restoreBestWeights && s.pathsOpen === prev.pathsOpen && s.selectedLayer === prev.selectedLayer &&
      s.chartX === prev.chartX && s.logLoss === prev.logLoss && s.classroom === prev.classroom) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  });
  window.addEventListener('pagehide', flush);
  saving = () => {
    flush();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
  };
  return saving;
}

/**
 * The app's address without its query: "?backend=wasm" or "?debug" are this machine's choices, not the
 * experiment's, and the receiver's own language should win over the sender's "?lang=".
 */
function pageAddress(): string {
  return location.origin + location.pathname;
}

/** The link to the editor's experiment, as it stands. */
export function currentShareUrl(s: AppState): string {
  return shareUrl(pageAddress(), currentExperiment(s));
}

/** Shows the link (and its QR code) and copies it to the clipboard. */
export const toggleShareLink = defineAction({
  name: 'toggleShareLink',
  labelKey: 'experiment.shareLink',
  async perform() {
    const open = !getApp().share.open;
    setApp((s) => ({ share: { ...s.share, open, copy: null } }));
    if (!open) return;
    try {
      await navigator.clipboard.writeText(currentShareUrl(getApp()));
      setApp((s) => ({ share: { ...s.share, copy: 'copied' } }));
    } catch {
      // Not allowed here (no focus, an insecure origin, a policy): the link is on screen to copy by hand.
      setApp((s) => ({ share: { ...s.share, copy: 'failed' } }));
    }
  },
});

export const exportExperiment = defineAction({
  name: 'exportExperiment',
  labelKey: 'experiment.export',
  perform() {
    const json = JSON.stringify(currentExperiment(getApp()), null, 2);
    download(`experiment-${stamp()}.json`, new Blob([json], { type: 'application/json' }));
  },
});

/** A file's experiment, through the same gate; a file that cannot be read changes nothing. */
export const importExperiment = defineAction<{ text: string; name: string }>({
  name: 'importExperiment',
  labelKey: 'experiment.import',
  enabled: (s) => !isTraining(s),
  async perform({ text, name }) {
    if (isTraining(getApp())) return;
    const restored = restoreText(text, 'file');
    if (!unreadable(restored)) await apply(restored);
    setApp({ experimentNotice: notice(restored, name) });
  },
});

export const dismissExperimentNotice = defineAction({
  name: 'dismissExperimentNotice',
  labelKey: 'experiment.dismiss',
  perform() {
    setApp({ experimentNotice: null });
  },
});

/** The teacher ticks Hide or Lock for a control; the teacher link made next carries the choice. */
export const setTeacherChoice = defineAction<{ key: string; access: ClassroomAccess; on: boolean }>({
  name: 'setTeacherChoice',
  labelKey: 'experiment.teacherTitle',
  perform({ key, access, on }) {
    setApp((s) => {
      const choice = s.share.teacherChoice;
      const list = access === 'hide' ? 'hidden' : 'locked';
      const other = access === 'hide' ? 'locked' : 'hidden';
      const next = {
        ...choice,
        [list]: on ? [...new Set([...choice[list], key])] : choice[list].filter((k) => k !== key),
        // One or the other: a hidden control cannot also be seen locked.
        [other]: on ? choice[other].filter((k) => k !== key) : choice[other],
      };
      return { share: { ...s.share, teacherChoice: next, teacherLink: null } };
    });
  },
});

export const makeTeacherLink = defineAction({
  name: 'makeTeacherLink',
  labelKey: 'experiment.makeTeacherLink',
  enabled: (s) => s.share.teacherChoice.hidden.length + s.share.teacherChoice.locked.length > 0,
  perform() {
    const s = getApp();
    setApp({ share: { ...s.share, teacherLink: shareUrl(pageAddress(), currentExperiment(s), s.share.teacherChoice) } });
  },
});

/** Out of classroom mode: every control shows and can be changed again (the teacher trying their own link). */
export const leaveClassroom = defineAction({
  name: 'leaveClassroom',
  labelKey: 'experiment.leaveClassroom',
  enabled: (s) => s.classroom.hidden.length + s.classroom.locked.length > 0,
  perform() {
    setApp({ classroom: NO_CLASSROOM });
  },
});

export const setPathsOpen = defineAction<boolean>({
  name: 'setPathsOpen',
  labelKey: 'paths.title',
  perform(open) {
    if (getApp().pathsOpen !== open) setApp({ pathsOpen: open });
  },
});
