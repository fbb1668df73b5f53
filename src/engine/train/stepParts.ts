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

export const LONG_STEP_MS = 1500;
export const PART_MS = 500;
export const MIN_PART_WITH_BATCH_NORM = 8;

/** Multiply-adds per millisecond assumed before anything is measured: low, so a slow step is expected rather than a surprise. */
const ASSUMED_MACS_PER_MS: Record<string, number> = { cpu: 1e5, wasm: 1e6, webgl: 2e6, webgpu: 4e6 };

/** Forward, input gradient and weight gradient: about three times the forward pass's multiply-adds. */
const TRAINING_MACS_FACTOR = 3;

export class StepSizer {
  private msPerImage: number;

  constructor(
    forwardMacsPerImage: number,
    backend: string,
    private readonly minPart: number,
  ) {
    this.msPerImage = (TRAINING_MACS_FACTOR * forwardMacsPerImage) / (ASSUMED_MACS_PER_MS[backend] ?? ASSUMED_MACS_PER_MS.cpu);
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
