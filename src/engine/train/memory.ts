import type { ModelAnalysis } from '../spec/analyze';
import type { OptimizerType } from './optimizerSpec';

// What a training run will hold in memory, worked out from the analyzer's shapes before anything is
// built, against what the backend can give. A run that cannot fit is refused up front with what to shrink,
// instead of stalling the worker or failing minutes later with "Array buffer allocation failed",
// "memory access out of bounds" or "Requested texture size … greater than WebGL maximum".

const FLOAT = 4; // bytes: every tensor the trainer keeps is float32 (labels are int32, also 4)
const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * Float32 copies of each trainable weight alive at the peak of one step, everything included: the weight,
 * its gradient, the divergence guard's copy, the matmul/conv backward's transposes, the optimizer's slots,
 * and the temporaries of its update (tfjs optimizers update every variable inside one tidy, so all of them
 * exist at once). Measured as the wasm heap's high-water mark on a 25-million-parameter dense model, batch
 * 32: SGD 786 MB (7.8×), momentum 1.1 GB (11×), Adam 1.9 GB (19×); the others are counted from their
 * update's operations against those.
 */
const COPIES_PER_WEIGHT: Record<OptimizerType, number> = {
  sgd: 8,
  manhattan: 9,
  momentum: 11,
  nesterov: 12,
  adagrad: 12,
  rmsprop: 16,
  adadelta: 16,
  rprop: 16,
  adamax: 17,
  adam: 19,
  scg: 20,
};

/** Of those copies, the ones that are not the optimizer's: weight, gradient, guard, backward transposes. */
const BASE_COPIES = 5;

/**
 * Tensors per layer output that a training step holds at its peak: the output and the pre-activation the
 * tape keeps for the backward pass, and the gradient flowing back through it.
 */
const ACTIVATION_COPIES = 3;

export interface RunShape {
  optimizer: OptimizerType;
  batchSize: number;
  /** Images in each subset. */
  subsets: { train: number; validation: number; test: number };
  imageShape: readonly number[];
}

/** What the largest single tensor of a run is; WebGL and WebGPU limit each tensor, not only the total. */
export interface LargestTensor {
  kind: 'weights' | 'activations' | 'images';
  /** 0-based layer index for weights and activations. */
  layer: number | null;
  elements: number;
}

export interface MemoryEstimate {
  /** Weights, their gradients, the divergence guard's copy and the backward pass's transposes. */
  weightsBytes: number;
  /** Optimizer slots and the temporaries of an update. */
  optimizerBytes: number;
  /** Layer outputs at the batch size, forward and backward. */
  activationBytes: number;
  /** The subsets resident on the backend as float32, plus the upload's int32 copy of the largest one. */
  dataBytes: number;
  totalBytes: number;
  /** The layer with the most parameters, the usual thing to shrink. */
  heaviestLayer: { index: number; type: string; params: number } | null;
  /** The layer whose output at the batch size is largest. */
  widestLayer: { index: number; type: string; elements: number } | null;
  largestTensor: LargestTensor;
}

/** What the current backend can hold. */
export interface MemoryBudget {
  backend: string;
  /** Bytes a run may use in all. */
  bytes: number;
  /** Elements one tensor may have (WebGL: texture size²; WebGPU: largest storage buffer / 4); null when unlimited. */
  maxTensorElements: number | null;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function estimateRunMemory(analysis: ModelAnalysis, run: RunShape): MemoryEstimate {
  const params = analysis.totalParams;
  const trainable = analysis.trainableParams;
  const weightsBytes = (params + (BASE_COPIES - 1) * trainable) * FLOAT;
  const optimizerBytes = (COPIES_PER_WEIGHT[run.optimizer] - BASE_COPIES) * trainable * FLOAT;
  const pixels = product(run.imageShape);
  const outputs = analysis.layers.map((l) => (l.outputShape ? product(l.outputShape) : 0));
  // A block keeps every inner layer's output for the backward pass, not only its own.
  const kept = analysis.layers.map((l, i) => (l.inner ? l.inner.reduce((sum, inner) => sum + (inner.output ? product(inner.output) : 0), 0) : outputs[i]));
  const perImage = pixels + kept.reduce((a, b) => a + b, 0);
  const activationBytes = ACTIVATION_COPIES * perImage * run.batchSize * FLOAT;
  const { train, validation, test } = run.subsets;
  const dataBytes = ((train + validation + test) * (pixels + 1) + Math.max(train, validation, test) * pixels) * FLOAT;

  let heaviestLayer: MemoryEstimate['heaviestLayer'] = null;
  let widestLayer: MemoryEstimate['widestLayer'] = null;
  analysis.layers.forEach((l, i) => {
    if (l.params > 0 && (!heaviestLayer || l.params > heaviestLayer.params)) heaviestLayer = { index: i, type: l.type, params: l.params };
    const elements = outputs[i] * run.batchSize;
    if (elements > 0 && (!widestLayer || elements > widestLayer.elements)) widestLayer = { index: i, type: l.type, elements };
  });
  const heavy = heaviestLayer as MemoryEstimate['heaviestLayer'];
  const wide = widestLayer as MemoryEstimate['widestLayer'];
  const candidates: LargestTensor[] = [{ kind: 'images', layer: null, elements: Math.max(train, validation, test) * pixels }];
  // A layer's largest weight tensor is its kernel: nearly all of its parameters.
  if (heavy) candidates.push({ kind: 'weights', layer: heavy.index, elements: heavy.params });
  if (wide) candidates.push({ kind: 'activations', layer: wide.index, elements: wide.elements });
  const largestTensor = candidates.reduce((a, b) => (b.elements > a.elements ? b : a));
  return {
    weightsBytes,
    optimizerBytes,
    activationBytes,
    dataBytes,
    totalBytes: weightsBytes + optimizerBytes + activationBytes + dataBytes,
    heaviestLayer: heavy,
    widestLayer: wide,
    largestTensor,
  };
}

/** Why a run does not fit, with what to shrink; plain data so the UI words it in its language. */
export type MemoryProblem =
  | {
      code: 'total';
      backend: string;
      needBytes: number;
      budgetBytes: number;
      /** The part that dominates, so the advice points at it. */
      main: 'weights' | 'activations' | 'data';
      heaviestLayer: MemoryEstimate['heaviestLayer'];
      widestLayer: MemoryEstimate['widestLayer'];
    }
  | { code: 'tensor'; backend: string; tensor: LargestTensor; maxElements: number };

export function checkRunMemory(estimate: MemoryEstimate, budget: MemoryBudget): MemoryProblem | null {
  if (budget.maxTensorElements !== null && estimate.largestTensor.elements > budget.maxTensorElements) {
    return { code: 'tensor', backend: budget.backend, tensor: estimate.largestTensor, maxElements: budget.maxTensorElements };
  }
  if (estimate.totalBytes <= budget.bytes) return null;
  const parts = { weights: estimate.weightsBytes + estimate.optimizerBytes, activations: estimate.activationBytes, data: estimate.dataBytes };
  const main = (Object.keys(parts) as (keyof typeof parts)[]).reduce((a, b) => (parts[b] > parts[a] ? b : a));
  return {
    code: 'total',
    backend: budget.backend,
    needBytes: estimate.totalBytes,
    budgetBytes: budget.bytes,
    main,
    heaviestLayer: estimate.heaviestLayer,
    widestLayer: estimate.widestLayer,
  };
}

/** "1.2 GB", "350 MB": binary units, as the budgets are. */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GB`;
  if (bytes >= 10 * MiB) return `${Math.round(bytes / MiB)} MB`;
  return `${Math.max(0.1, bytes / MiB).toFixed(1)} MB`;
}

/** The English words of a problem; the UI has the same in its own languages (i18n `memory.*`). */
export function memoryProblemText(p: MemoryProblem): string {
  if (p.code === 'tensor') {
    const what =
      p.tensor.kind === 'images'
        ? 'the training images'
        : p.tensor.kind === 'weights'
          ? `the weights of layer ${p.tensor.layer! + 1}`
          : `the output of layer ${p.tensor.layer! + 1} at this batch size`;
    const shrink = p.tensor.kind === 'images' ? 'use fewer training images' : p.tensor.kind === 'weights' ? 'give that layer fewer units or filters' : 'use a smaller batch size or fewer filters';
    return `${what} would be one tensor of ${p.tensor.elements.toLocaleString('en')} numbers, more than the ${p.maxElements.toLocaleString('en')} the ${p.backend} backend can hold in one: ${shrink}`;
  }
  const advice =
    p.main === 'weights' && p.heaviestLayer
      ? `most of it is weights and optimizer state: give layer ${p.heaviestLayer.index + 1} (${p.heaviestLayer.type}, ${p.heaviestLayer.params.toLocaleString('en')} parameters) fewer units or filters, or put a pooling layer before it`
      : p.main === 'activations' && p.widestLayer
        ? `most of it is layer outputs: use a smaller batch size, or fewer filters or more pooling around layer ${p.widestLayer.index + 1} (${p.widestLayer.type})`
        : 'most of it is the images: use smaller training, validation or test subsets';
  return `this run needs about ${formatBytes(p.needBytes)}, more than the ${formatBytes(p.budgetBytes)} the ${p.backend} backend can use here; ${advice}`;
}

/**
 * Budgets per backend. wasm: the tfjs-backend-wasm heap (4 GiB with threads, 2 GiB without) less room for
 * the allocator's fragments and the tensors a step creates and frees. cpu: plain typed arrays, limited by
 * the machine. WebGL and WebGPU cannot report free GPU memory, so they get a share of the machine's memory
 * (the browser's navigator.deviceMemory, at most 8) and their per-tensor limits.
 */
export function budgetFor(
  backend: string,
  facts: { wasmThreaded?: boolean; deviceMemoryGiB?: number | null; maxTextureSize?: number | null; maxStorageBufferBytes?: number | null },
): MemoryBudget {
  const machine = (facts.deviceMemoryGiB ?? 4) * GiB;
  switch (backend) {
    case 'wasm':
      return { backend, bytes: (facts.wasmThreaded ? 4 : 2) * GiB * 0.7, maxTensorElements: null };
    case 'webgl':
      return {
        backend,
        bytes: Math.min(4 * GiB, machine / 2),
        maxTensorElements: facts.maxTextureSize ? facts.maxTextureSize * facts.maxTextureSize : null,
      };
    case 'webgpu':
      return {
        backend,
        bytes: Math.min(4 * GiB, machine / 2),
        maxTensorElements: facts.maxStorageBufferBytes ? Math.floor(facts.maxStorageBufferBytes / FLOAT) : null,
      };
    default:
      return { backend, bytes: Math.min(4 * GiB, machine / 2), maxTensorElements: null };
  }
}
