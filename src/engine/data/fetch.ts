import { CATALOG, prepareCommand, type DatasetId } from './catalog';
import type { DatasetArrays } from './dataset';
import { manifestSchema, type DatasetManifest } from './manifest';

export type Availability =
  | { status: 'ready'; manifest: DatasetManifest }
  | { status: 'missing'; command: string }
  | { status: 'invalid'; message: string; command: string };

const root = (baseUrl: string, id: DatasetId) => `${baseUrl.replace(/\/?$/, '/')}datasets/${id}/`;

/** Asks the server for a dataset's manifest; a dev server answers unknown paths with HTML, so parse, don't trust status. */
export async function checkDataset(baseUrl: string, id: DatasetId): Promise<Availability> {
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
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      status: 'invalid',
      message: `${CATALOG[id].name} manifest.json: ${first.path.join('.') || 'file'}: ${first.message}`,
      command: `${command} --force`,
    };
  }
  return { status: 'ready', manifest: parsed.data };
}

async function fetchBytes(url: string, expected: number): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== expected) {
    throw new Error(`${url}: expected ${expected} bytes, got ${bytes.length} — prepare the dataset again`);
  }
  return bytes;
}

export async function fetchDataset(baseUrl: string, manifest: DatasetManifest): Promise<DatasetArrays> {
  const base = root(baseUrl, manifest.id as DatasetId);
  const [h, w, c] = manifest.imageShape;
  const size = h * w * c;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    fetchBytes(base + manifest.train.images, manifest.train.count * size),
    fetchBytes(base + manifest.train.labels, manifest.train.count),
    fetchBytes(base + manifest.test.images, manifest.test.count * size),
    fetchBytes(base + manifest.test.labels, manifest.test.count),
  ]);
  return {
    manifest,
    train: { count: manifest.train.count, images: trainImages, labels: trainLabels },
    test: { count: manifest.test.count, images: testImages, labels: testLabels },
  };
}
