// writeDataset works in `.<id>.tmp-<pid>-<ms>` and parks the previous dataset in `.<id>.old-<pid>-<ms>`
// beside the output folder. A run that is killed (Ctrl+C, a closed terminal) never gets to remove them,
// so each run first clears what earlier, interrupted runs left, and says so.
import fs from 'node:fs/promises';
import path from 'node:path';

const LEFTOVER = /^\.([A-Za-z0-9_-]+)\.(tmp|old)-(\d+)-(\d+)$/;

/** No preparation takes this long: a folder this old is a leftover even if its pid now names another process. */
const STALE_MS = 24 * 60 * 60 * 1000;

export interface Leftover {
  /** The folder's name in the output folder. */
  name: string;
  /** The dataset it belonged to. */
  id: string;
  /** 'removed', or 'restored' for a previous dataset put back where an interrupted run had moved it away. */
  action: 'removed' | 'restored';
}

/** Whether the run that made a folder may still be writing it (another `npm run datasets` going on now). */
function maybeRunning(pid: number, madeAt: number, now: number): boolean {
  // Our own pid: a run before this one in a container that hands out the same pids each start.
  if (pid === process.pid || now - madeAt > STALE_MS) return false;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/**
 * Removes the temporary folders interrupted runs left in `outDir`. An `.old-` folder whose dataset is
 * missing holds the last good copy (the run died between moving it away and moving the new one in), so
 * it is put back rather than deleted. Folders of a run still going on are left alone.
 */
export async function cleanLeftovers(outDir: string, now = Date.now()): Promise<Leftover[]> {
  let names: string[];
  try {
    names = await fs.readdir(outDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const done: Leftover[] = [];
  // .old- before .tmp- is not needed: a .tmp- folder is never put in place, only ever removed.
  for (const name of names.sort()) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const [, id, kind, pid, madeAt] = m;
    if (maybeRunning(Number(pid), Number(madeAt), now)) continue;
    const from = path.join(outDir, name);
    const dataset = path.join(outDir, id);
    if (kind === 'old' && !(await exists(dataset))) {
      await fs.rename(from, dataset);
      done.push({ name, id, action: 'restored' });
      continue;
    }
    await fs.rm(from, { recursive: true, force: true });
    done.push({ name, id, action: 'removed' });
  }
  return done;
}
