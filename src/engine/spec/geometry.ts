import { formatShape } from './issues.ts';
import { text, type IssueText } from './messages.ts';
import type { LooseLayer } from './lenient.ts';

// Shape inference and parameter/MAC counting by arithmetic alone: no tfjs, so it is cheap enough to run
// on every keystroke.

export interface LayerProblem {
  problem: IssueText;
  field?: string;
  /** Where inside a block the problem is ("5×5 branch", "main path layer 2 conv2d"). */
  part?: IssueText;
}

/** One layer inside a block, as the builder lists it under the block. */
export interface InnerGeometry {
  /** The branch or place in the block ("3×3 branch", "main path layer 1 conv2d", "shortcut"). */
  part: IssueText;
  /** What the layer is: a spec layer type, or "conv1x1", "conv3x3", "maxPool3x3", "zeroPad", "add", "concat". */
  type: string;
  output: number[] | null;
  params: number;
  trainableParams: number;
  macs: number;
}

export interface LayerGeometry {
  /** null when the layer cannot produce a shape (bad input, missing fields, geometry error). */
  output: number[] | null;
  /**
   * What the next layer sees. Equals `output` when known; otherwise the best guess that lets analysis go
   * on (the last good shape, or [units] for a dense that only lacks a flatten before it).
   */
  next: number[] | null;
  /** True when `next` depends on nothing guessed in this layer. */
  exact: boolean;
  params: number;
  trainableParams: number;
  macs: number;
  problems: LayerProblem[];
  /** A block's layers, in the order they are built. */
  inner?: InnerGeometry[];
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function result(output: number[] | null, rest: Partial<LayerGeometry> = {}): LayerGeometry {
  return { output, next: output, exact: output !== null, params: 0, trainableParams: 0, macs: 0, problems: [], ...rest };
}

/** A layer that cannot be computed hands its input on unchanged, so later layers are still checked. */
export function passThrough(input: number[] | null, problems: LayerProblem[] = []): LayerGeometry {
  return result(null, { next: input, exact: false, problems });
}

export function spatialOut(size: number, window: number, stride: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

export function needsImage(input: number[]): LayerProblem {
  return {
    problem: input.length === 1 ? text('needsImageFlat', { size: input[0] }) : text('needsImage', { shape: formatShape(input) }),
  };
}

function conv2d(layer: LooseLayer, input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  const { filters, kernelSize: k, strides, padding } = layer;
  if (filters === undefined || k === undefined || strides === undefined || padding === undefined) {
    return passThrough(input);
  }
  const [h, w, c] = input;
  if (padding === 'valid' && (k > h || k > w)) {
    return passThrough(input, [
      {
        problem: text('kernelTooBig', { k, h, w }),
        field: 'kernelSize',
      },
    ]);
  }
  const outH = spatialOut(h, k, strides, padding);
  const outW = spatialOut(w, k, strides, padding);
  const params = k * k * c * filters + filters;
  return result([outH, outW, filters], { params, trainableParams: params, macs: outH * outW * filters * k * k * c });
}

function pool(layer: LooseLayer, input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  const p = layer.poolSize;
  if (p === undefined) return passThrough(input);
  const stride = layer.strides ?? p;
  const [h, w, c] = input;
  if (p > h || p > w) {
    return passThrough(input, [
      { problem: text('poolTooBig', { p, h, w }), field: 'poolSize' },
    ]);
  }
  return result([spatialOut(h, p, stride, 'valid'), spatialOut(w, p, stride, 'valid'), c]);
}

function dense(layer: LooseLayer, input: number[]): LayerGeometry {
  const units = layer.units;
  // A dense's output is [units] whatever it is fed, so later layers can be checked even when this one fails.
  const guess = units === undefined ? input : [units];
  if (input.length !== 1) {
    return result(null, {
      next: guess,
      exact: units !== undefined,
      problems: [{ problem: text('needsFlat', { shape: formatShape(input) }) }],
    });
  }
  if (units === undefined) return passThrough(input);
  const params = input[0] * units + units;
  return result([units], { params, trainableParams: params, macs: input[0] * units });
}

function flatten(input: number[]): LayerGeometry {
  // tfjs's Flatten wants at least height and width besides the batch, so it cannot take a flat input.
  // Nothing is guessed by handing the input on, so later layers and the output are still checked exactly.
  if (input.length === 1) {
    return result(null, { next: input, exact: true, problems: [{ problem: text('alreadyFlat', { size: input[0] }) }] });
  }
  return result([product(input)]);
}

function batchNorm(input: number[]): LayerGeometry {
  // Keras counts gamma, beta (trainable) and the moving mean and variance (not trainable) per channel.
  const channels = input[input.length - 1];
  return result([...input], { params: 4 * channels, trainableParams: 2 * channels });
}

function globalAvgPool(input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  return result([input[2]]);
}

function lrn(layer: LooseLayer, input: number[]): LayerGeometry {
  if (input.length !== 3) return passThrough(input, [needsImage(input)]);
  // Each output sums the squares of 2·r + 1 channels: that many multiply-adds per value.
  const window = 2 * (layer.depthRadius ?? 0) + 1;
  return result([...input], { macs: product(input) * window });
}

export function inferLayer(layer: LooseLayer, input: number[] | null): LayerGeometry {
  if (input === null) {
    const next = layer.type === 'dense' && layer.units !== undefined ? [layer.units] : null;
    return result(null, { next, exact: next !== null });
  }
  switch (layer.type) {
    case 'conv2d':
      return conv2d(layer, input);
    case 'maxPool':
    case 'avgPool':
      return pool(layer, input);
    case 'dense':
      return dense(layer, input);
    case 'flatten':
      return flatten(input);
    case 'batchNorm':
      return batchNorm(input);
    case 'dropout':
    case 'activation':
      return result([...input]);
    case 'globalAvgPool':
      return globalAvgPool(input);
    case 'lrn':
      return lrn(layer, input);
  }
}

/** A layer whose type is unknown: nothing can be said about it, so its input is handed on. */
export function unknownLayer(input: number[] | null): LayerGeometry {
  return passThrough(input);
}
