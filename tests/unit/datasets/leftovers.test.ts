// Issue 9, defect 10: an interrupted `npm run datasets` left `.<id>.tmp-*` folders in public/datasets
// for good. Every run now clears them first (with --if-missing too) and says so.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPrepare, type PrepareOptions } from '../../../datasets/prepare';
import { captureOutput, removeTempDirs, tempDir } from './helpers';

/** The pid of a process that has ended, as an interrupted run's is. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A folder as writeDataset names its temporary ones, with a file in it. */
function leftover(outDir: string, name: string, file = 'train-images.u8'): string {
  const dir = path.join(outDir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), 'half written');
  return dir;
}

let dead: number;
let emptySource: string;

beforeAll(async () => {
  dead = await deadPid();
  emptySource = await tempDir('empty');
});
afterAll(removeTempDirs);

// CIFAR-10 from an empty source folder, offline, is unavailable at once: the runs here do nothing but clean up.
async function run(outDir: string, over: Partial<PrepareOptions> = {}) {
  const output = captureOutput();
  const result = await runPrepare({
    ids: ['cifar10'],
    outDir,
    cacheDir: await tempDir('cache'),
    sourceDir: emptySource,
    ifMissing: false,
    force: false,
    download: false,
    output,
    ...over,
  });
  return { result, output };
}

describe('leftovers of interrupted runs', () => {
  it('a run with --if-missing removes the temporary folders and says so', async () => {
    const outDir = await tempDir('out');
    const tmp = leftover(outDir, `.mnist.tmp-${dead}-${Date.now() - 60_000}`);
    const other = leftover(outDir, `.fashion-mnist.tmp-${dead}-${Date.now() - 5_000}`);
    const { result, output } = await run(outDir, { ifMissing: true });
    expect(result.exitCode).toBe(0);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(fs.existsSync(other)).toBe(false);
    expect(fs.readdirSync(outDir)).toEqual([]);
    const said = output.infos.join('\n');
    expect(said).toContain(`removed ${path.join(outDir, path.basename(tmp))}, left behind by an interrupted run`);
    expect(said).toContain(`removed ${path.join(outDir, path.basename(other))}, left behind by an interrupted run`);
  });

  it('a plain run removes them too', async () => {
    const outDir = await tempDir('out');
    const tmp = leftover(outDir, `.cifar10.tmp-${dead}-${Date.now()}`);
    await run(outDir);
    expect(fs.existsSync(tmp)).toBe(false);
  });

  it('a previous dataset moved aside by a run that died before the new one was in place is put back', async () => {
    const outDir = await tempDir('out');
    const old = leftover(outDir, `.mnist.old-${dead}-${Date.now()}`, 'manifest.json');
    const { output } = await run(outDir);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readFileSync(path.join(outDir, 'mnist', 'manifest.json'), 'utf8')).toBe('half written');
    expect(output.infos.join('\n')).toContain(`restored ${path.join(outDir, 'mnist')} from ${old}, where an interrupted run had moved it`);
  });

  it('the moved-aside copy is removed when the dataset is in place', async () => {
    const outDir = await tempDir('out');
    leftover(outDir, 'mnist', 'manifest.json');
    const old = leftover(outDir, `.mnist.old-${dead}-${Date.now()}`, 'manifest.json');
    await run(outDir);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readdirSync(outDir)).toEqual(['mnist']);
  });

  it('the folder of a run still going on stays, unless it is a day old; other names are never touched', async () => {
    const outDir = await tempDir('out');
    const live = leftover(outDir, `.mnist.tmp-${process.ppid}-${Date.now()}`); // the parent process is alive
    const stale = leftover(outDir, `.mnist.tmp-${process.ppid}-${Date.now() - 25 * 3600_000}`);
    const unrelated = leftover(outDir, '.mnist.tmp-notes');
    await run(outDir);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });
});
