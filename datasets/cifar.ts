// CIFAR-10 binary distribution: a tar.gz of cifar-10-batches-bin/ holding batches.meta.txt,
// data_batch_N.bin (1..5 officially; any number accepted) and test_batch.bin.
// The records themselves are read by the parser the app shares (src/engine/data/formats/cifar.ts).
import path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { SourceFormatError } from './errors';
import { gunzipIfNeeded } from './idx';
import { parseCifarRecords, type CifarSplit } from '../src/engine/data/formats/cifar';

export { CIFAR_PLANE, CIFAR_RECORD_BYTES, CIFAR_SIDE, parseCifarRecords, type CifarSplit } from '../src/engine/data/formats/cifar';

export interface CifarArchive {
  classNames: string[];
  train: CifarSplit;
  test: CifarSplit;
  /** Archive paths of the training batches, in the order they were concatenated. */
  trainFiles: string[];
  testFile: string;
}

/** Concatenates splits in the given order (used for data_batch_1..N). */
export function concatSplits(parts: CifarSplit[]): CifarSplit {
  if (parts.length === 1) return parts[0];
  const count = parts.reduce((n, p) => n + p.count, 0);
  const images = new Uint8Array(parts.reduce((n, p) => n + p.images.length, 0));
  const labels = new Uint8Array(count);
  let io = 0;
  let lo = 0;
  for (const p of parts) {
    images.set(p.images, io);
    labels.set(p.labels, lo);
    io += p.images.length;
    lo += p.labels.length;
  }
  return { count, images, labels };
}

/** Reads the regular files of an (uncompressed) tar held in memory, keeping those `keep` accepts. */
export function readTarEntries(tarBytes: Buffer, fileName: string, keep: (entryPath: string) => boolean): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    const fail = (err: unknown) => reject(new SourceFormatError(fileName, `corrupt tar archive (${(err as Error).message ?? err})`));
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        // A Parser (unlike tar.list) waits until each entry is read, so skipped ones are drained.
        if (entry.type !== 'File' || !keep(entry.path)) return void entry.resume();
        const data = Buffer.allocUnsafe(entry.size);
        let filled = 0;
        entry.on('data', (chunk: Buffer) => {
          chunk.copy(data, filled);
          filled += chunk.length;
        });
        entry.on('end', () => {
          if (filled !== entry.size) fail(new Error(`${entry.path} is cut short: ${filled} of ${entry.size} bytes`));
          else files.set(entry.path, data);
        });
      },
    });
    parser.on('error', fail);
    parser.on('end', () => resolve(files));
    try {
      parser.end(tarBytes);
    } catch (err) {
      fail(err);
    }
  });
}

const DATA_BATCH = /^data_batch_(\d+)\.bin$/;
const wanted = (p: string) => {
  const base = path.posix.basename(p);
  return base === 'batches.meta.txt' || base === 'test_batch.bin' || DATA_BATCH.test(base);
};

function findOne(files: Map<string, Buffer>, base: string, archive: string): [string, Buffer] {
  const hits = [...files].filter(([p]) => path.posix.basename(p) === base);
  if (hits.length === 0) throw new SourceFormatError(archive, `missing ${base} in the archive`);
  if (hits.length > 1) throw new SourceFormatError(archive, `more than one ${base}: ${hits.map(([p]) => p).join(', ')}`);
  return hits[0];
}

/**
 * Reads a CIFAR-10 binary tar.gz (or plain tar) into memory: training batches sorted by N and
 * concatenated, the test batch, and the class names checked against `expectedClassNames`.
 */
export async function readCifarArchive(archive: Buffer, fileName: string, expectedClassNames: readonly string[]): Promise<CifarArchive> {
  const tarBytes = gunzipIfNeeded(archive, fileName);
  const files = await readTarEntries(tarBytes, fileName, wanted);
  const where = (p: string) => `${fileName}: ${p}`;

  const [metaPath, metaBytes] = findOne(files, 'batches.meta.txt', fileName);
  const classNames = metaBytes.toString('utf8').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (classNames.join('\n') !== expectedClassNames.join('\n')) {
    throw new SourceFormatError(
      where(metaPath),
      `class names do not match the catalog: expected [${expectedClassNames.join(', ')}], found [${classNames.join(', ')}]`,
    );
  }

  const [testPath, testBytes] = findOne(files, 'test_batch.bin', fileName);
  const batches = [...files]
    .map(([p, bytes]) => ({ p, bytes, n: Number(DATA_BATCH.exec(path.posix.basename(p))?.[1] ?? NaN) }))
    .filter((b) => Number.isFinite(b.n))
    .sort((a, b) => a.n - b.n);
  if (batches.length === 0) throw new SourceFormatError(fileName, 'no data_batch_N.bin training files in the archive');
  for (let i = 1; i < batches.length; i++) {
    if (batches[i].n === batches[i - 1].n) {
      throw new SourceFormatError(fileName, `two training batches numbered ${batches[i].n}: ${batches[i - 1].p}, ${batches[i].p}`);
    }
  }

  const n = expectedClassNames.length;
  const train = concatSplits(batches.map((b) => parseCifarRecords(b.bytes, where(b.p), n)));
  const test = parseCifarRecords(testBytes, where(testPath), n);
  return { classNames, train, test, trainFiles: batches.map((b) => b.p), testFile: testPath };
}
