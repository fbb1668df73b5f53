// A training step that would hold the worker for seconds is taken in parts: the gradient of the batch is
// summed from the gradients of consecutive slices of it (each weighted by its share of the batch, so the
// sum is the batch's gradient), with the worker free between parts to hear Pause and Stop. On wasm and cpu
// a kernel blocks the worker's thread until it ends, so this is the only way a pause can land within a
// second or two when one step takes ten.
//
// Which steps: those expected to take over LONG_STEP_MS. Before the first step the expectation comes from
// the model's multiply-adds and a deliberately low throughput per backend; after it, from what the steps
// and parts measure. Parts aim at PART_MS. SCG is never split (it evaluates the loss at trial weights).
//
// What changes: nothing for layers without batch statistics. Batch norm normalises each part by the part's
// own statistics (and updates its moving averages once per part), so parts of a model with batch norm keep
// at least MIN_PART_WITH_BATCH_NORM images.

import type { ModelAnalysis } from '../spec/analyze';
import type { ModelSpec } from '../spec/layers';

export const LONG_STEP_MS = 1500;
export const PART_MS = 500;
export const MIN_PART_WITH_BATCH_NORM = 8;

/** Multiply-adds per millisecond assumed before anything is measured: low, so a slow step is expected rather than a surprise. */
// cpu: tfjs's plain-JavaScript kernels trained about 1.5e4 multiply-adds a millisecond in Chromium on this
// project's 2-core machine (a 3.6M-MAC model at about 0.8 s an image), and less in Node.
const ASSUMED_MACS_PER_MS: Record<string, number> = { cpu: 1.5e4, wasm: 1e6, webgl: 2e6, webgpu: 4e6 };

/** Forward, input gradient and weight gradient: about three times the forward pass's multiply-adds. */
const TRAINING_MACS_FACTOR = 3;

/**
 * The longest a smallest part (one image, or MIN_PART_WITH_BATCH_NORM) may be expected to take on a backend
 * whose kernels block the worker: above it, Pause and Stop could not answer within a second or two.
 */
export const MAX_PART_MS = 1500;

/** Backends whose kernels run on the worker's own thread (wasm, cpu); WebGL and WebGPU kernels run on the GPU while the worker awaits them. */
const BLOCKING_BACKENDS = new Set(['cpu', 'wasm']);

/** Milliseconds one image's training step is expected to take, before anything is measured. */
export function expectedMsPerImage(forwardMacsPerImage: number, backend: string): number {
  return (TRAINING_MACS_FACTOR * forwardMacsPerImage) / (ASSUMED_MACS_PER_MS[backend] ?? ASSUMED_MACS_PER_MS.cpu);
}

/** A model whose smallest step part would hold the worker too long to hear Pause and Stop. */
export interface StepTimeProblem {
  code: 'stepTime';
  backend: string;
  /** Expected milliseconds of the smallest part. */
  partMs: number;
  /** Images in the smallest part (1, or more with batch norm). */
  minPart: number;
  /** The item (layer or block) with the most multiply-adds, and its share of the model's. */
  heaviest: { index: number; type: string; share: number } | null;
}

/** Batch norm anywhere, a residual block's main path included: its parts need MIN_PART_WITH_BATCH_NORM images. */
export function hasBatchNorm(spec: ModelSpec): boolean {
  return spec.layers.some((l) => l.type === 'batchNorm' || (l.type === 'residual' && l.layers.some((m) => m.type === 'batchNorm')));
}

/** Null when Pause and Stop can answer within seconds on `backend`; else what takes the time. */
export function checkStepTime(analysis: ModelAnalysis, backend: string, withBatchNorm: boolean): StepTimeProblem | null {
  if (!BLOCKING_BACKENDS.has(backend) || !analysis.ok) return null;
  const minPart = withBatchNorm ? MIN_PART_WITH_BATCH_NORM : 1;
  const partMs = expectedMsPerImage(analysis.totalMacs, backend) * minPart;
  if (partMs <= MAX_PART_MS) return null;
  const top = analysis.layers.reduce<(typeof analysis.layers)[number] | null>((best, l) => (!best || l.macs > best.macs ? l : best), null);
  const heaviest = top && analysis.totalMacs > 0 ? { index: top.index, type: top.type, share: top.macs / analysis.totalMacs } : null;
  return { code: 'stepTime', backend, partMs, minPart, heaviest };
}

/** The engine's English for a step-time refusal (the UI says it in its language: src/i18n/memoryText.ts). */
export function stepTimeProblemText(p: StepTimeProblem): string {
  const seconds = (p.partMs / 1000).toFixed(1);
  const images = p.minPart === 1 ? 'one image' : `${p.minPart} images (the fewest batch norm works with)`;
  const layer = p.heaviest ? `: layer ${p.heaviest.index + 1} (${p.heaviest.type}) does ${Math.round(p.heaviest.share * 100)} % of the work` : '';
  return `on the ${p.backend} backend, training ${images} of this model takes about ${seconds} s, so Pause and Stop could not answer within seconds; train on a faster backend, or give the model fewer filters or more pooling${layer}`;
}

export class StepSizer {
  private msPerImage: number;

  constructor(
    forwardMacsPerImage: number,
    backend: string,
    private readonly minPart: number,
  ) {
    this.msPerImage = expectedMsPerImage(forwardMacsPerImage, backend);
  }

  /** Images per part for a batch of `n`: `n` (one piece) unless the step is expected to be long. */
  partSize(n: number): number {
    if (this.msPerImage * n <= LONG_STEP_MS) return n;
    return Math.min(n, Math.max(this.minPart, Math.floor(PART_MS / this.msPerImage)));
  }

  /** What a step or a part of `images` images took. */
  record(ms: number, images: number): void {
    if (images > 0 && Number.isFinite(ms) && ms >= 0) this.msPerImage = ms / images;
  }

  /** The expected milliseconds per image now (for tests and display). */
  get perImageMs(): number {
    return this.msPerImage;
  }
}
