import { prepareCommand, type BuiltinDatasetId } from './catalog';
import { imageSize, type DatasetArrays } from './dataset';
import { CompressedDataError, readCounted, type ByteProgress } from './download';
import { decodeStored } from './unbrotli';
import { manifestSchema, type DatasetManifest } from './manifest';
import { DatasetFileError, manifestProblem, preparedPath, verifySplit } from './verify';

export type Availability =
  | { status: 'ready'; manifest: DatasetManifest }
  | { status: 'missing'; command: string }
  | { status: 'invalid'; message: string; command: string };

/** What opening a dataset gave: its arrays, checked against the manifest, or why there are none. */
export type Opened = { status: 'loaded'; data: DatasetArrays } | Exclude<Availability, { status: 'ready' }>;

const root = (baseUrl: string, id: BuiltinDatasetId) => `${baseUrl.replace(/\/?$/, '/')}datasets/${id}/`;

/** Files that are there but wrong are fixed by preparing again; --force also rebuilds under --if-missing. */
const invalid = (id: BuiltinDatasetId, message: string): Extract<Availability, { status: 'invalid' }> => ({ status: 'invalid', message, command: `${prepareCommand(id)} --force` });

/** Asks the server for a dataset's manifest; a dev server answers unknown paths with HTML, so parse, don't trust status. */
export async function checkDataset(baseUrl: string, id: BuiltinDatasetId): Promise<Availability> {
  const command = prepareCommand(id);
  let text: string;
  try {
    const response = await fetch(`${root(baseUrl, id)}manifest.json`, { cache: 'no-cache' });
    if (!response.ok) return { status: 'missing', command };
    text = await response.text();
  } catch {
    return { status: 'missing', command };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'missing', command };
  }
  const manifestFile = preparedPath(id, 'manifest.json');
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return invalid(id, `${manifestFile}: ${first.path.join('.') || 'file'}: ${first.message}`);
  }
  const problem = manifestProblem(parsed.data, id);
  if (problem) return invalid(id, `${manifestFile}: ${problem}`);
  return { status: 'ready', manifest: parsed.data };
}

/** `size`: the file's bytes once decompressed, from the manifest (brotli needs it to tell plain bytes apart). */
async function fetchBytes(baseUrl: string, manifest: DatasetManifest, file: string, size: number, onBytes?: (n: number) => void): Promise<Uint8Array> {
  const id = manifest.id as BuiltinDatasetId;
  const response = await fetch(root(baseUrl, id) + file);
  // A missing file is a broken preparation like a wrong one; a network failure (fetch throws) is not.
  if (!response.ok) throw new DatasetFileError(preparedPath(id, file), `not there (HTTP ${response.status})`);
  const bytes = await readCounted(response, onBytes);
  try {
    return await decodeStored(bytes, manifest.encoding, size);
  } catch (e) {
    if (e instanceof CompressedDataError) throw new DatasetFileError(preparedPath(id, file), e.message);
    throw e;
  }
}

/** Bytes a dataset's four files take on the wire, when the manifest records them. */
export function wireBytes(manifest: DatasetManifest): number | null {
  const sizes = [manifest.train.imagesBytes, manifest.train.labelsBytes, manifest.test.imagesBytes, manifest.test.labelsBytes];
  return sizes.every((b) => b !== undefined) ? sizes.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
}

/** How often at most progress is reported: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;

/**
 * Fetches a prepared dataset's files (decompressing them as the manifest's encoding says); throws DatasetFileError for the first one
 * that does not match the manifest. `onProgress` hears the bytes received over all four files.
 */
export async function fetchDataset(baseUrl: string, manifest: DatasetManifest, onProgress?: (p: ByteProgress) => void): Promise<DatasetArrays> {
  const total = wireBytes(manifest);
  let loaded = 0;
  let last = 0;
  const onBytes = onProgress
    ? (n: number) => {
        loaded += n;
        const now = Date.now();
        if (now - last >= PROGRESS_EVERY_MS) {
          last = now;
          onProgress({ loaded, total });
        }
      }
    : undefined;
  const imageBytes = imageSize(manifest);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    fetchBytes(baseUrl, manifest, manifest.train.images, manifest.train.count * imageBytes, onBytes),
    fetchBytes(baseUrl, manifest, manifest.train.labels, manifest.train.count, onBytes),
    fetchBytes(baseUrl, manifest, manifest.test.images, manifest.test.count * imageBytes, onBytes),
    fetchBytes(baseUrl, manifest, manifest.test.labels, manifest.test.count, onBytes),
  ]);
  onProgress?.({ loaded, total: total ?? loaded });
  verifySplit(manifest, 'train', trainImages, trainLabels);
  verifySplit(manifest, 'test', testImages, testLabels);
  return {
    manifest,
    train: { count: manifest.train.count, images: trainImages, labels: trainLabels },
    test: { count: manifest.test.count, images: testImages, labels: testLabels },
  };
}

/** Checks the manifest, fetches the files and checks them against it; a broken preparation comes back as 'invalid'. */
export async function openDataset(baseUrl: string, id: BuiltinDatasetId, onProgress?: (p: ByteProgress) => void): Promise<Opened> {
  const found = await checkDataset(baseUrl, id);
  if (found.status !== 'ready') return found;
  try {
    return { status: 'loaded', data: await fetchDataset(baseUrl, found.manifest, onProgress) };
  } catch (e) {
    if (e instanceof DatasetFileError) return invalid(id, e.message);
    throw e;
  }
}
