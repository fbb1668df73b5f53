import type { EvaluationMetrics } from '../metrics/evaluationMetrics';
// What the engine says about a kept (trained) model and what it computes with one. Plain data and typed
// arrays, so it crosses the worker boundary as is (typed arrays are transferred, not copied).

/** Which test images an evaluation uses: the run's own test subset, or the whole test split. */
export type EvaluationSplit = 'subset' | 'full';

export interface ModelEvaluation {
  runId: string;
  split: EvaluationSplit;
  classNames: string[];
  /** True class of each evaluated image. */
  labels: Uint8Array;
  /** Softmax probabilities, row-major: image i's class c is at i × classes + c. */
  probabilities: Float32Array;
  /** Where each evaluated image is in the dataset's test split (for fetching its pixels). */
  testIndices: Int32Array;
  /**
   * Every figure the results views show, computed in the worker beside the predictions: on the main thread
   * the curves' sorts alone took 25–60 ms for 10,000 images, a task long enough to stall the page.
   */
  metrics: EvaluationMetrics;
  /** Milliseconds the evaluation took in the engine (predictions and metrics). */
  ms: number;
}

/** A kept model as the run table and the storage note show it. */
export interface KeptModelInfo {
  runId: string;
  /** In the worker's memory now (else only in IndexedDB, loaded on demand). */
  loaded: boolean;
  /** Bytes of its weights in storage. */
  bytes: number;
  /** Which epoch's weights it holds (0-based), and why: the last, the best validation loss, or the last before divergence. */
  epoch: number | null;
  source: 'last' | 'best' | 'beforeDivergence' | 'imported';
}
