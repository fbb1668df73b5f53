import type { BenchPath, Measurement } from './bench';

// Turning raw measurements into the figures the bench prints and writes.

export interface Cell {
  backend: string;
  batch: number;
  /** Measured runs, app and fit alternating. */
  runs: Measurement[];
  /** The first run of each path at this batch size: its first batch includes kernel compilation. */
  warmups: Measurement[];
  error: string | null;
}

export interface Row {
  backend: string;
  batch: number;
  /** Best of the repeats: on a shared machine the best run is the one least disturbed by others. */
  appImagesPerSec: number | null;
  /** model.fit on tfjs's own kernels (on wasm plus only the training kernels tfjs lacks). */
  fitImagesPerSec: number | null;
  ratio: number | null;
  /** wasm only: model.fit on the app's kernels, and the app against it (what the training loop alone gains). */
  fitAppKernelsImagesPerSec: number | null;
  ratioAppKernels: number | null;
  /** The app's path with MNIST's default augmentation on, and the share of images/s it costs. */
  augImagesPerSec: number | null;
  augmentationCost: number | null;
  appFirstBatchMs: { cold: number | null; warm: number | null };
  fitFirstBatchMs: { cold: number | null; warm: number | null };
  longestTaskMs: number | null;
  appTensors: { before: number; after: number } | null;
  fitTensors: { before: number; after: number } | null;
  error: string | null;
}

const best = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
const least = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? Math.min(...v) : null;
};

export function summarise(cell: Cell): Row {
  const of = (p: BenchPath) => cell.runs.filter((r) => r.path === p);
  const app = of('app');
  const fit = of('fit');
  const appRate = best(app.map((r) => r.imagesPerSec));
  const fitRate = best(fit.map((r) => r.imagesPerSec));
  const fitAppRate = best(of('fitApp').map((r) => r.imagesPerSec));
  const augRate = best(of('appAug').map((r) => r.imagesPerSec));
  const tensors = (rs: Measurement[]) => {
    if (!rs.length) return null;
    // Any run that leaked shows: report the largest difference seen.
    const worst = rs.reduce((w, r) => (r.after.numTensors - r.before.numTensors > w.after.numTensors - w.before.numTensors ? r : w));
    return { before: worst.before.numTensors, after: worst.after.numTensors };
  };
  const cold = (p: BenchPath) => cell.warmups.find((w) => w.path === p)?.firstBatchMs ?? null;
  return {
    backend: cell.backend,
    batch: cell.batch,
    appImagesPerSec: appRate,
    fitImagesPerSec: fitRate,
    ratio: appRate !== null && fitRate ? appRate / fitRate : null,
    fitAppKernelsImagesPerSec: fitAppRate,
    ratioAppKernels: appRate !== null && fitAppRate ? appRate / fitAppRate : null,
    augImagesPerSec: augRate,
    augmentationCost: appRate && augRate !== null ? 1 - augRate / appRate : null,
    appFirstBatchMs: { cold: cold('app'), warm: least(app.map((r) => r.firstBatchMs)) },
    fitFirstBatchMs: { cold: cold('fit'), warm: least(fit.map((r) => r.firstBatchMs)) },
    longestTaskMs: cell.runs.length ? Math.max(...cell.runs.map((r) => r.longestTaskMs)) : null,
    appTensors: tensors(app),
    fitTensors: tensors(fit),
    error: cell.error,
  };
}

const n = (x: number | null, digits = 0) => (x === null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export function formatTable(rows: Row[]): string {
  const head = ['backend', 'batch', 'app img/s', 'fit img/s', 'app/fit', 'fit on app kernels', 'app/that', 'augmented img/s', 'aug. cost', '1st batch app cold/warm ms', '1st batch fit cold/warm ms', 'longest task ms', 'tensors app', 'tensors fit'];
  const body = rows.map((r) => [
    r.backend,
    String(r.batch),
    n(r.appImagesPerSec),
    n(r.fitImagesPerSec),
    r.ratio === null ? '—' : `${n(r.ratio, 2)}×`,
    n(r.fitAppKernelsImagesPerSec),
    r.ratioAppKernels === null ? '—' : `${n(r.ratioAppKernels, 2)}×`,
    n(r.augImagesPerSec),
    r.augmentationCost === null ? '—' : `${n(r.augmentationCost * 100, 1)}%`,
    `${n(r.appFirstBatchMs.cold)} / ${n(r.appFirstBatchMs.warm)}`,
    `${n(r.fitFirstBatchMs.cold)} / ${n(r.fitFirstBatchMs.warm)}`,
    n(r.longestTaskMs),
    r.appTensors ? `${r.appTensors.before}→${r.appTensors.after}` : '—',
    r.fitTensors ? `${r.fitTensors.before}→${r.fitTensors.after}` : '—',
  ]);
  const errors = rows.filter((r) => r.error).map((r) => `${r.backend} batch ${r.batch}: ${r.error}`);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line), ...errors.map((e) => `failed: ${e}`)].join('\n');
}
