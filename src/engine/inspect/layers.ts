import * as tf from '@tensorflow/tfjs';
import { specIndexOfLayerName } from '../model/build';

// A kept model may have come back from storage without its spec, so the spec layers are read from the
// names buildModel gave the tfjs layers: "l3_conv2d", plus "l3_conv2d_leakyRelu" for a leakyRelu.

export interface SpecLayerGroup {
  /** Index in spec.layers. */
  layer: number;
  /** The spec layer's type, as the name spells it. */
  type: string;
  /**
   * The tfjs layers built for it, in model order: the last one's output is the spec layer's output (a
   * block's layers come in topological order, so its add or concatenate, and the activation after, come last).
   */
  tfLayers: tf.layers.Layer[];
}

/** The model's tfjs layers grouped by the spec layer each was built for, in model order. */
export function specLayerGroups(model: tf.LayersModel): SpecLayerGroup[] {
  const groups: SpecLayerGroup[] = [];
  for (const tfLayer of model.layers) {
    // A functional model (one with blocks) lists its input as a layer; it is no spec layer.
    if (tfLayer.getClassName() === 'InputLayer') continue;
    const index = specIndexOfLayerName(tfLayer.name);
    if (index === null) throw new Error(`the model's layer ${tfLayer.name} was not built by this app: its layers cannot be inspected`);
    const last = groups.at(-1);
    if (last && last.layer === index) {
      last.tfLayers.push(tfLayer);
    } else {
      const type = /^l\d+_([A-Za-z0-9]+)/.exec(tfLayer.name)?.[1] ?? 'unknown';
      groups.push({ layer: index, type, tfLayers: [tfLayer] });
    }
  }
  return groups;
}

/**
 * Each group's output for the batch `x`, in inference mode (dropout off, batch norm on its moving
 * statistics). A Sequential's layers are applied one after another; a functional model's blocks branch
 * and merge, so there one model whose outputs are every group's last layer runs the graph once. Call
 * inside tf.tidy.
 */
export function groupOutputs(model: tf.LayersModel, groups: SpecLayerGroup[], x: tf.Tensor): tf.Tensor[] {
  if (model instanceof tf.Sequential) {
    const outputs: tf.Tensor[] = [];
    let y = x;
    for (const group of groups) {
      for (const tfLayer of group.tfLayers) y = tfLayer.apply(y, { training: false }) as tf.Tensor;
      outputs.push(y);
    }
    return outputs;
  }
  const probe = tf.model({ inputs: model.inputs, outputs: groups.map((g) => g.tfLayers[g.tfLayers.length - 1].output as tf.SymbolicTensor) });
  const result = probe.predict(x);
  return Array.isArray(result) ? result : [result];
}

/** [H, W, C] of the model's input images. */
export function modelInputShape(model: tf.LayersModel): number[] {
  return model.inputs[0].shape.slice(1) as number[];
}

/** min and max of an array (0 and 0 when empty). */
export function range(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return values.length ? { min, max } : { min: 0, max: 0 };
}
