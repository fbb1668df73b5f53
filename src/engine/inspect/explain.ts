import type * as tf from '@tensorflow/tfjs';
import { LEAKY_RELU_ALPHA } from '../model/build';
import { layerActivations } from './activations';
import { modelInputShape, specLayerGroups, type SpecLayerGroup } from './layers';
import { samePadBefore } from './sizes';
import type { ConvExplanation } from './types';

export { convOutputSize, poolOutputSize, tfOutputSize, samePadBefore, type SizeResult } from './sizes';

// One number of a conv feature map, worked out in plain JS from the layer's input and weights, beside
// the number tfjs computed: the explainer shows the arithmetic, and the comparison proves it is the same.

export interface ConvConfig {
  kernel: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  /** The spec's activation: 'leakyRelu' where buildModel added a LeakyReLU layer. */
  activation: string;
}

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : [v as number, v as number]);

/** A conv spec layer's geometry and activation, read from its tfjs layer(s). */
export function convConfig(group: SpecLayerGroup): ConvConfig {
  const config = group.tfLayers[0].getConfig();
  const activation = group.tfLayers.length > 1 ? 'leakyRelu' : String(config.activation ?? 'linear');
  return { kernel: pair(config.kernelSize), strides: pair(config.strides), padding: config.padding as 'valid' | 'same', activation };
}

/** An activation applied to one number; softmax (over all channels) has no per-number form. */
export function applyActivation(name: string, x: number): { value: number; note?: string } {
  switch (name) {
    case 'relu':
      return { value: Math.max(0, x) };
    case 'sigmoid':
      return { value: 1 / (1 + Math.exp(-x)) };
    case 'tanh':
      return { value: Math.tanh(x) };
    case 'elu':
      return { value: x > 0 ? x : Math.exp(x) - 1 };
    case 'leakyRelu':
      return { value: x > 0 ? x : LEAKY_RELU_ALPHA * x };
    case 'softmax':
      return { value: x, note: 'softmax is taken across all channels at a position, not of one number: shown here as linear' };
    default:
      return { value: x };
  }
}

export interface ExplainArgs {
  layer: number;
  channel: number;
  y: number;
  x: number;
}

/** Throws, saying what is wrong, unless `at` names a number of a conv layer's output. */
function checkPosition(groups: SpecLayerGroup[], group: SpecLayerGroup | undefined, at: ExplainArgs): asserts group is SpecLayerGroup {
  const convs = groups.filter((g) => g.type === 'conv2d').map((g) => g.layer);
  const which = convs.length ? `its conv layers are ${convs.join(', ')}` : 'it has no conv layers';
  if (!Number.isInteger(at.layer)) throw new Error(`the layer must be a whole number, not ${at.layer}`);
  if (!group) throw new Error(`the model has no layer ${at.layer} (${which})`);
  if (group.type !== 'conv2d') throw new Error(`layer ${at.layer} is a ${group.type} layer, not conv2d: only conv layers can be explained (${which})`);
  const [h, w, channels] = group.tfLayers.at(-1)!.outputShape.slice(1) as number[];
  if (!Number.isInteger(at.channel) || at.channel < 0 || at.channel >= channels) {
    throw new Error(`layer ${at.layer} has ${channels} channels (0 to ${channels - 1}): there is no channel ${at.channel}`);
  }
  if (!Number.isInteger(at.y) || !Number.isInteger(at.x) || at.y < 0 || at.y >= h || at.x < 0 || at.x >= w) {
    throw new Error(`position (y ${at.y}, x ${at.x}) is outside layer ${at.layer}'s ${h}×${w} output (y and x go from 0 to ${h - 1} and ${w - 1})`);
  }
}

/** The explanation of feature-map number (y, x, channel) of conv spec layer `layer`, for one image. */
export async function explainConv(model: tf.LayersModel, pixels: Float32Array, at: ExplainArgs): Promise<ConvExplanation> {
  const groups = specLayerGroups(model);
  const position = groups.findIndex((g) => g.layer === at.layer);
  const group = groups[position];
  checkPosition(groups, group, at);
  const { layers } = await layerActivations(model, pixels);
  // The layer's input: the previous spec layer's output, or the image for the first layer.
  const input = position === 0 ? { shape: modelInputShape(model), values: pixels } : layers[position - 1];
  const output = layers[position];
  const [inH, inW, inChannels] = input.shape;
  const [, outW, outChannels] = output.shape;
  const { kernel: [kh, kw], strides: [sh, sw], padding, activation } = convConfig(group);
  const padTop = padding === 'same' ? samePadBefore(inH, kh, sh) : 0;
  const padLeft = padding === 'same' ? samePadBefore(inW, kw, sw) : 0;

  const [kernelVar, biasVar] = group.tfLayers[0].getWeights();
  const weights = (await kernelVar.data()) as Float32Array;
  const bias = biasVar ? ((await biasVar.data()) as Float32Array)[at.channel] : 0;

  const windowSize = kh * kw * inChannels;
  const patch = new Float32Array(windowSize);
  const kernel = new Float32Array(windowSize);
  const products = new Float32Array(windowSize);
  let sum = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const row = at.y * sh - padTop + i;
      const col = at.x * sw - padLeft + j;
      const inside = row >= 0 && row < inH && col >= 0 && col < inW;
      for (let c = 0; c < inChannels; c++) {
        const w = (i * kw + j) * inChannels + c;
        patch[w] = inside ? input.values[(row * inW + col) * inChannels + c] : 0;
        kernel[w] = weights[w * outChannels + at.channel];
        products[w] = patch[w] * kernel[w];
        sum += products[w];
      }
    }
  }
  const preActivation = sum + bias;
  const activated = applyActivation(activation, preActivation);
  return {
    layer: at.layer,
    y: at.y,
    x: at.x,
    channel: at.channel,
    patch,
    kernel,
    products,
    windowShape: [kh, kw, inChannels],
    sum,
    bias,
    preActivation,
    activation: activated.note ? 'linear' : activation,
    ...(activated.note ? { activationNote: activated.note } : {}),
    output: activated.value,
    featureMapValue: output.values[(at.y * outW + at.x) * outChannels + at.channel],
  };
}
