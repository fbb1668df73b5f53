import type * as tf from '@tensorflow/tfjs';
import { specLayerGroups } from './layers';

// The layers the training-dynamics views follow: each spec layer that has a kernel (conv, dense), with all
// its trainable variables (kernel and bias) together, since a student reads "layer 3's gradient", not
// "l3_conv2d/bias". Batch norm's scale and shift are left out: they are not what vanishing gradients are
// about, and they would double the lines of a ReLU+BN stack.

export interface WeightedLayer {
  /** Index in spec.layers. */
  layer: number;
  type: string;
  /** The tf.Variables' names (the keys of a gradient map), kernel first. */
  variables: string[];
  /** Number of weights (kernel and bias). */
  size: number;
}

export interface ReluLayer {
  layer: number;
  type: string;
}

export function weightedLayers(model: tf.LayersModel): WeightedLayer[] {
  return specLayerGroups(model).flatMap((group) => {
    const vars = group.tfLayers.flatMap((l) => l.trainableWeights);
    if (!vars.some((w) => /kernel$/.test(w.originalName))) return [];
    const sorted = [...vars].sort((a, b) => Number(/bias$/.test(a.originalName)) - Number(/bias$/.test(b.originalName)));
    return [{ layer: group.layer, type: group.type, variables: sorted.map((w) => (w.read() as tf.Variable).name), size: vars.reduce((s, w) => s + w.read().size, 0) }];
  });
}

/** Spec layers whose output is a ReLU's: conv/dense with activation relu, or a relu activation layer. */
export function reluLayers(model: tf.LayersModel): ReluLayer[] {
  return specLayerGroups(model).flatMap((group) => {
    const last = group.tfLayers[group.tfLayers.length - 1];
    const activation = (last.getConfig() as { activation?: string }).activation;
    return activation === 'relu' ? [{ layer: group.layer, type: group.type }] : [];
  });
}
