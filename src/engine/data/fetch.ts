import { prepareCommand, type BuiltinDatasetId } from './catalog';
import type { DatasetArrays } from './dataset';
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

async function fetchBytes(baseUrl: string, id: BuiltinDatasetId, file: string): Promise<Uint8Array> {
  const response = await fetch(root(baseUrl, id) + file);
  // A missing file is a broken preparation like a wrong one; a network failure (fetch throws) is not.
  if (!response.ok) throw new DatasetFileError(preparedPath(id, file), `not there (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches a prepared dataset's files; throws DatasetFileError for the first one that does not match the manifest. */
export async function fetchDataset(baseUrl: string, manifest: DatasetManifest): Promise<DatasetArrays> {
  const id = manifest.id as BuiltinDatasetId;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    fetchBytes(baseUrl, id, manifest.train.images),
    fetchBytes(baseUrl, id, manifest.train.labels),
    fetchBytes(baseUrl, id, manifest.test.images),
    fetchBytes(baseUrl, id, manifest.test.labels),
  ]);
  verifySplit(manifest, 'train', trainImages, trainLabels);
  verifySplit(manifest, 'test', testImages, testLabels);
  return {
    manifest,
    train: { count: manifest.train.count, images: trainImages, labels: trainLabels },
    test: { count: manifest.test.count, images: testImages, labels: testLabels },
  };
}

/** Checks the manifest, fetches the files and checks them against it; a broken preparation comes back as 'invalid'. */
export async function openDataset(baseUrl: string, id: BuiltinDatasetId): Promise<Opened> {
  const found = await checkDataset(baseUrl, id);
  if (found.status !== 'ready') return found;
  try {
    return { status: 'loaded', data: await fetchDataset(baseUrl, found.manifest) };
  } catch (e) {
    if (e instanceof DatasetFileError) return invalid(id, e.message);
    throw e;
  }
}
