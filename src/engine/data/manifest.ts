import { z } from 'zod';
import { DATASET_IDS } from './catalog';

// manifest.json beside the browser-ready files in public/datasets/<id>/.
// Images are uint8, N×H×W×C (channels last, as tfjs wants), labels uint8. Since the files are served
// compressed (`encoding`: brotli for MNIST, 9.7 MB instead of 55; gzip for the others), each split also records the size
// of its files on disk, so loading shows byte progress even where a server sends no Content-Length.
// Both fields are optional: a manifest without them describes plain files, as earlier ones did.

export const MANIFEST_VERSION = 1;

const splitSchema = z.object({
  count: z.number().int().positive(),
  images: z.string().min(1),
  labels: z.string().min(1),
  /** sha256 (hex) of the images and labels bytes (as decompressed, when the files are compressed). */
  imagesSha256: z.string().regex(/^[0-9a-f]{64}$/),
  labelsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  classCounts: z.array(z.number().int().nonnegative()),
  /** Bytes of the images and labels files as stored (compressed when the manifest gives an encoding). */
  imagesBytes: z.number().int().nonnegative().optional(),
  labelsBytes: z.number().int().nonnegative().optional(),
});

export const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  id: z.enum(DATASET_IDS as [string, ...string[]]),
  name: z.string(),
  /** How the split files are stored: gzip or brotli (decompressed in the worker) or, when absent, plain bytes. */
  encoding: z.enum(['gzip', 'brotli']).optional(),
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]),
  classNames: z.array(z.string()).min(2),
  train: splitSchema,
  test: splitSchema,
  source: z.object({
    kind: z.enum(['local', 'npm', 'download']),
    /** Folder, package name or URLs the data came from. */
    location: z.string(),
    /** sha256 (hex) of each source file as read. */
    sha256: z.record(z.string(), z.string()),
  }),
  license: z.string(),
  citation: z.string(),
  preparedAt: z.string(),
});

export type DatasetManifest = z.infer<typeof manifestSchema>;
export type SplitManifest = z.infer<typeof splitSchema>;
