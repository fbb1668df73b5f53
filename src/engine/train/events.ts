// What a training run reports. Plain data, so it crosses the worker boundary as is.

export interface BatchMetrics {
  epoch: number; // 0-based
  batch: number; // 0-based within the epoch
  step: number; // 0-based over the whole run
  /** The data loss (cross-entropy) at the weights before the step, without any weight penalty. */
  loss: number;
  accuracy: number;
  /** The L1/L2 weight penalty the optimizer minimised on top of `loss`: 0 when weight decay is off (absent in runs saved before it existed). */
  penalty?: number;
  /**
   * Per weighted layer of the start event's `dynamics.layers`, the L2 norm of its gradient at this step
   * (absent in runs saved before it existed).
   */
  gradNorms?: number[];
}

/** Which layers the training-dynamics views follow, said once when a run starts. */
export interface DynamicsLayout {
  /** Layers with a kernel (conv, dense): one gradient norm per step and one histogram per snapshot each. */
  layers: { layer: number; type: string; size: number }[];
  /** Layers whose output is a ReLU's: a dead-unit fraction per snapshot each. */
  relus: { layer: number; type: string }[];
  /** Steps between snapshots; null when the model has too many weights to histogram them. */
  snapshotEvery: number | null;
  /** Training images the dead-ReLU shares are measured on (fewer for a model whose forward pass is costly). */
  probeImages: number;
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

/** Why a run ended before its last epoch although nobody stopped it. */
export interface EarlyStop {
  /** The last epoch trained (0-based). */
  epoch: number;
  /** The epoch with the lowest validation loss (0-based); its weights are not restored. */
  bestEpoch: number;
  bestValLoss: number;
  patience: number;
}

export type { Divergence } from './divergence';
import type { Divergence } from './divergence';
import type { TrainingSnapshot } from '../inspect/trainingStats';

/** Which epoch's weights a model holds (0-based) and why. */
export interface WeightsFrom {
  epoch: number | null;
  source: 'last' | 'best' | 'beforeDivergence' | 'imported';
}

export type TrainEvent =
  | { kind: 'start'; backend: string; params: number; batchesPerEpoch: number; totalSteps: number; dynamics: DynamicsLayout }
  /** Histograms of weights and gradients and dead-ReLU fractions at one step. */
  | { kind: 'snapshot'; snapshot: TrainingSnapshot }
  | { kind: 'batches'; items: BatchMetrics[]; progress: Progress }
  | { kind: 'epoch'; metrics: EpochMetrics }
  | { kind: 'paused' }
  | { kind: 'resumed' }
  /**
   * `stopped`: stopped by the user (no test). `earlyStop`: ended by early stopping (tested as usual).
   * `divergence`: the loss stopped being finite; the model went back to the last good weights, which were tested.
   */
  | {
      kind: 'done';
      stopped: boolean;
      earlyStop: EarlyStop | null;
      divergence: Divergence | null;
      /** Which epoch's weights the model ends with (0-based) and why: the tested and kept model. */
      weightsFrom: WeightsFrom;
      test: TestResult | null;
      progress: Progress;
    };
