import * as tf from '@tensorflow/tfjs';
import type { Activation, BlockSpec, InceptionSpec, ResidualSpec } from '../spec/layers.ts';
import { shortcutShape } from '../spec/blockGeometry.ts';
import { kernelInitializer, LEAKY_RELU_ALPHA, tfLayerName, tfLayersFor } from './layerFactory.ts';
import { layerSeed } from './seeds.ts';
import type { InitType } from './initSpec.ts';
import { unfusedWhileTraining } from './unfusedConv.ts';

// Residual and inception blocks as parts of a functional model, from standard tfjs layers only (Conv2D,
// MaxPooling2D, Permute, ZeroPadding2D, Add, Concatenate, Activation), so that a saved model loads with a
// plain tf.loadLayersModel. Every layer of block i is named "l<i>_<block type>_…", so the inspection
// views group them as one spec item; the block's last layer built gives the block's output.

type Tensor = tf.SymbolicTensor;

const apply = (layer: tf.layers.Layer, x: Tensor | Tensor[]) => layer.apply(x) as Tensor;

/** An activation as a layer of its own ('linear' gives none). */
function activationLayer(activation: Activation, name: string): tf.layers.Layer | null {
  if (activation === 'linear') return null;
  return activation === 'leakyRelu' ? tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name }) : tf.layers.activation({ activation, name });
}

function conv(name: string, filters: number, kernelSize: number, strides: number, activation: Activation, seed: number, init: InitType): tf.layers.Layer[] {
  return tfLayersFor({ type: 'conv2d', filters, kernelSize, strides, padding: 'same', activation }, name, activation, seed, {}, init);
}

function chain(layers: tf.layers.Layer[], x: Tensor): Tensor {
  return layers.reduce((y, layer) => apply(layer, y), x);
}

/**
 * The residual shortcut's zero padding: subsample with the main path's stride (a 1×1 max pool picks every
 * stride-th pixel, as ResNet's option A), then add zero channels. tfjs pads only rows and columns, so the
 * channels are moved to the rows, padded, and moved back.
 */
function zeroPadShortcut(name: string, x: Tensor, stride: number, extra: number): Tensor {
  let y = x;
  if (stride > 1) y = apply(tf.layers.maxPooling2d({ poolSize: 1, strides: stride, padding: 'valid', name: `${name}_subsample` }), y);
  if (extra > 0) {
    y = apply(tf.layers.permute({ dims: [3, 1, 2], name: `${name}_toRows` }), y);
    y = apply(tf.layers.zeroPadding2d({ padding: [[0, extra], [0, 0]], name: `${name}_pad` }), y);
    y = apply(tf.layers.permute({ dims: [2, 3, 1], name: `${name}_toChannels` }), y);
  }
  return y;
}

function residual(block: ResidualSpec, index: number, x: Tensor, modelSeed: number, init: InitType): Tensor {
  const base = tfLayerName(index, 'residual');
  const input = x.shape.slice(1) as number[];
  let main = x;
  let stride = 1;
  block.layers.forEach((layer, j) => {
    const activation: Activation = layer.type === 'batchNorm' ? 'linear' : layer.activation;
    if (layer.type === 'conv2d') stride *= layer.strides;
    main = chain(tfLayersFor(layer, `${base}_m${j}_${layer.type}`, activation, layerSeed(modelSeed, index, j + 1), {}, init), main);
  });
  const channels = main.shape[3] as number;
  let shortcut = x;
  if (block.shortcut === 'projection') {
    const projection = unfusedWhileTraining(tf.layers.conv2d({
      name: `${base}_projection`,
      filters: channels,
      kernelSize: 1,
      strides: stride,
      padding: 'valid',
      kernelInitializer: kernelInitializer('linear', layerSeed(modelSeed, index, 0), init),
      biasInitializer: 'zeros',
    }));
    shortcut = apply(projection, x);
  } else if (block.shortcut === 'zeroPad') {
    const out = shortcutShape(input, stride, channels);
    shortcut = zeroPadShortcut(`${base}_shortcut`, x, stride, out[2] - input[2]);
  }
  const sum = apply(tf.layers.add({ name: `${base}_add` }), [main, shortcut]);
  const act = activationLayer(block.activation, `${base}_${block.activation}`);
  return act ? apply(act, sum) : sum;
}

function inception(block: InceptionSpec, index: number, x: Tensor, modelSeed: number, init: InitType): Tensor {
  const base = tfLayerName(index, 'inception');
  const act = block.activation;
  const seed = (slot: number) => layerSeed(modelSeed, index, slot);
  const b1 = chain(conv(`${base}_1x1`, block.conv1x1, 1, 1, act, seed(1), init), x);
  const b3 = chain([...conv(`${base}_3x3_reduce`, block.reduce3x3, 1, 1, act, seed(2), init), ...conv(`${base}_3x3`, block.conv3x3, 3, 1, act, seed(3), init)], x);
  const b5 = chain([...conv(`${base}_5x5_reduce`, block.reduce5x5, 1, 1, act, seed(4), init), ...conv(`${base}_5x5`, block.conv5x5, 5, 1, act, seed(5), init)], x);
  const pool = tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same', name: `${base}_pool` });
  const bp = chain([pool, ...conv(`${base}_pool_proj`, block.poolProj, 1, 1, act, seed(6), init)], x);
  return apply(tf.layers.concatenate({ axis: -1, name: `${base}_concat` }), [b1, b3, b5, bp]);
}

/** Block `index` of the spec applied to `x`; returns the block's output. */
export function applyBlock(block: BlockSpec, index: number, x: Tensor, modelSeed: number, init: InitType): Tensor {
  return block.type === 'residual' ? residual(block, index, x, modelSeed, init) : inception(block, index, x, modelSeed, init);
}
