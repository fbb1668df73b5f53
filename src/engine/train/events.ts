// What a training run reports. Plain data, so it crosses the worker boundary as is.

export interface BatchMetrics {
  epoch: number; // 0-based
  batch: number; // 0-based within the epoch
  step: number; // 0-based over the whole run
  loss: number;
  accuracy: number;
}

export interface Progress {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  imagesPerSec: number;
  elapsedMs: number;
  etaMs: number;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
}

export interface TestPrediction {
  index: number; // into the test subset
  label: number;
  predicted: number;
  confidence: number;
}

export interface TestResult {
  loss: number;
  accuracy: number;
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  samples: TestPrediction[];
}

export type TrainEvent =
  | { kind: 'start'; backend: string; params: number; batchesPerEpoch: number; totalSteps: number }
  | { kind: 'batches'; items: BatchMetrics[]; progress: Progress }
  | { kind: 'epoch'; metrics: EpochMetrics }
  | { kind: 'paused' }
  | { kind: 'resumed' }
  | { kind: 'done'; stopped: boolean; test: TestResult | null; progress: Progress };
