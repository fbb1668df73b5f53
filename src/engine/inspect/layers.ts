import type * as tf from '@tensorflow/tfjs';
import { specIndexOfLayerName } from '../model/build';

// A kept model may have come back from storage without its spec, so the spec layers are read from the
// names buildModel gave the tfjs layers: "l3_conv2d", plus "l3_conv2d_leakyRelu" for a leakyRelu.

export interface SpecLayerGroup {
  /** Index in spec.layers. */
  layer: number;
  /** The spec layer's type, as the name spells it. */
  type: string;
  /** The tfjs layers built for it, in order: the last one's output is the spec layer's output. */
  tfLayers: tf.layers.Layer[];
}

/** The model's tfjs layers grouped by the spec layer each was built for, in model order. */
export function specLayerGroups(model: tf.LayersModel): SpecLayerGroup[] {
  const groups: SpecLayerGroup[] = [];
  for (const tfLayer of model.layers) {
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
