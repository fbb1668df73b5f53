// CLI: builds public/datasets/<id>/ from the best available source.
//   npm run datasets [-- --only mnist,cifar10] [--source DIR] [--out DIR] [--if-missing] [--force] [--offline]
// Run by postinstall with --if-missing, so it must never make `npm install` fail: an unreachable
// dataset is a warning with the command that prepares it later, and in --if-missing mode even a
// corrupt source is reported without a failing exit code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATALOG, DATASET_IDS, prepareCommand, type BuiltinDatasetId, type RemoteFile } from '../src/engine/data/catalog';
import type { DatasetManifest } from '../src/engine/data/manifest';
import { createProgressPrinter } from './download';
import { SourceFormatError, SourceUnavailableError } from './errors';
import { cleanLeftovers } from './leftovers';
import { loadDataset } from './load';
import { obtainSource, resolveSourceDir, SOURCE_ENV } from './sources';
import { readPreparedManifest, writeDataset } from './write';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = path.resolve(HERE, '..', 'public', 'datasets');
export const DEFAULT_CACHE_DIR = path.resolve(HERE, '.cache');

export interface Output {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleOutput: Output = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

export interface PrepareOptions {
  ids: BuiltinDatasetId[];
  outDir: string;
  cacheDir: string;
  sourceDir?: string;
  /** Skip datasets that are already prepared (manifest parses, files have the right sizes). */
  ifMissing: boolean;
  /** Rebuild even when --if-missing would skip. */
  force: boolean;
  /** false (--offline): use local and npm sources only. */
  download: boolean;
  /** Per-dataset replacement of the catalog's URLs and MD5s (tests). */
  remoteFiles?: Partial<Record<BuiltinDatasetId, RemoteFile[]>>;
  timeoutMs?: number;
  /** Show download progress on stderr. */
  progress?: boolean;
  /** Brotli quality for datasets stored as brotli (see datasets/write.ts); tests pass a fast one. */
  brotliQuality?: number;
  output?: Output;
}

export type DatasetOutcome =
  | { id: BuiltinDatasetId; status: 'prepared'; manifest: DatasetManifest; dir: string; seconds: number }
  | { id: BuiltinDatasetId; status: 'skipped'; manifest: DatasetManifest; dir: string }
  | { id: BuiltinDatasetId; status: 'unavailable' | 'failed'; message: string };

export const USAGE = `Usage: npm run datasets -- [options]
  --only ID[,ID]   datasets to prepare (${DATASET_IDS.join(', ')}); default all
  --source DIR     folder with the source files (also: ${SOURCE_ENV}=DIR)
  --out DIR        output folder (default public/datasets in the repository)
  --if-missing     skip datasets that are already prepared; never fail (used by postinstall)
  --force          rebuild even with --if-missing
  --offline        do not download; use --source and bundled packages only
  --help           show this text`;

export class UsageError extends Error {}

/** Parses CLI arguments; throws UsageError on unknown flags or dataset ids. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): PrepareOptions & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string', multiple: true },
        source: { type: 'string' },
        out: { type: 'string' },
        'if-missing': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        offline: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let ids: BuiltinDatasetId[] = [...DATASET_IDS];
  if (values.only) {
    const asked = values.only.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    const unknown = asked.filter((s) => !(DATASET_IDS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`unknown dataset ${unknown.join(', ')}; known: ${DATASET_IDS.join(', ')}`);
    ids = DATASET_IDS.filter((id) => asked.includes(id)); // catalog order, no duplicates
  }
  return {
    ids,
    outDir: values.out ? path.resolve(values.out) : DEFAULT_OUT_DIR,
    cacheDir: DEFAULT_CACHE_DIR,
    sourceDir: resolveSourceDir(values.source, env),
    ifMissing: values['if-missing'],
    force: values.force,
    download: !values.offline,
    progress: true,
    help: values.help,
  };
}

/** What to run to get a dataset that could not be prepared now. */
export function unavailableHint(id: BuiltinDatasetId): string {
  return [
    `  To prepare it later: ${prepareCommand(id)}`,
    `  Or from a folder holding the source files: ${SOURCE_ENV}=/path/to/folder ${prepareCommand(id)}`,
  ].join('\n');
}

const shown = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

export async function prepareDataset(id: BuiltinDatasetId, opts: PrepareOptions): Promise<DatasetOutcome> {
  const out = opts.output ?? consoleOutput;
  const info = CATALOG[id];
  if (opts.ifMissing && !opts.force) {
    const manifest = await readPreparedManifest(opts.outDir, id);
    if (manifest) {
      out.info(`${id}: already prepared in ${shown(path.join(opts.outDir, id))}, skipping`);
      return { id, status: 'skipped', manifest, dir: path.join(opts.outDir, id) };
    }
  }
  const started = performance.now();
  try {
    const source = await obtainSource(info, {
      sourceDir: opts.sourceDir,
      cacheDir: opts.cacheDir,
      download: opts.download,
      remoteFiles: opts.remoteFiles?.[id],
      timeoutMs: opts.timeoutMs,
      progressFor: opts.progress ? (f) => createProgressPrinter(`${id}: downloading ${f.name}`) : undefined,
      log: (m) => out.info(m),
    });
    out.info(`${id}: reading ${source.kind} source ${source.location}`);
    const data = await loadDataset(info, source);
    const { dir, manifest } = await writeDataset(opts.outDir, data, { brotliQuality: opts.brotliQuality });
    const seconds = (performance.now() - started) / 1000;
    out.info(
      `${id}: ${manifest.train.count} train + ${manifest.test.count} test images, ` +
        `${manifest.imageShape.join('×')} → ${shown(dir)} (${seconds.toFixed(1)} s)`,
    );
    return { id, status: 'prepared', manifest, dir, seconds };
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof SourceUnavailableError) {
      out.warn(`warning: ${info.name} (${id}) is not prepared: ${message}\n${unavailableHint(id)}`);
      return { id, status: 'unavailable', message };
    }
    const what = err instanceof SourceFormatError ? 'a source file is corrupt' : 'unexpected failure';
    out.error(`error: ${info.name} (${id}) could not be prepared, ${what}: ${message}\n${unavailableHint(id)}`);
    return { id, status: 'failed', message };
  }
}

/** Clears what interrupted runs left in the output folder (any run, --if-missing too), saying what it did. */
async function reportLeftovers(opts: PrepareOptions): Promise<void> {
  const out = opts.output ?? consoleOutput;
  try {
    for (const { name, id, action } of await cleanLeftovers(opts.outDir)) {
      const where = shown(path.join(opts.outDir, name));
      if (action === 'removed') out.info(`removed ${where}, left behind by an interrupted run`);
      else out.info(`restored ${shown(path.join(opts.outDir, id))} from ${where}, where an interrupted run had moved it`);
    }
  } catch (err) {
    // Never a reason to fail (postinstall must not): the datasets themselves are written elsewhere.
    out.warn(`warning: could not clean up after an earlier interrupted run in ${shown(opts.outDir)}: ${(err as Error).message}`);
  }
}

/** Prepares each requested dataset in turn. Exit code 1 if any is not ready, except in --if-missing mode. */
export async function runPrepare(opts: PrepareOptions): Promise<{ exitCode: number; outcomes: DatasetOutcome[] }> {
  await reportLeftovers(opts);
  const outcomes: DatasetOutcome[] = [];
  for (const id of opts.ids) outcomes.push(await prepareDataset(id, opts));
  const notReady = outcomes.some((o) => o.status === 'unavailable' || o.status === 'failed');
  return { exitCode: notReady && !opts.ifMissing ? 1 : 0, outcomes };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let opts;
  try {
    opts = parseCliArgs(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  return (await runPrepare(opts)).exitCode;
}

// Run only as a script, so tests can import the functions above.
const invoked = process.argv[1] ? fs.realpathSync(path.resolve(process.argv[1])) : '';
if (invoked === fs.realpathSync(fileURLToPath(import.meta.url))) {
  let finished = false;
  // An await that never settles would otherwise end the process silently with status 0.
  process.once('beforeExit', () => {
    if (finished) return;
    console.error('error: dataset preparation stopped before finishing (internal error)');
    process.exitCode = process.argv.includes('--if-missing') ? 0 : 1;
  });
  main().then(
    (code) => {
      finished = true;
      process.exitCode = code;
    },
    (err: unknown) => {
      finished = true;
      console.error(err);
      process.exitCode = process.argv.includes('--if-missing') ? 0 : 1;
    },
  );
}
