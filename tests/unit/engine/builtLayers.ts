import type * as tf from '@tensorflow/tfjs';
import { specIndexOfLayerName } from '../../../src/engine/model/build.ts';

// What a built tf model says about each spec row, to hold against what the analyzer predicted for it.

export interface BuiltRow {
  /** The output shape of the last tfjs layer built for the row (a leakyRelu follows its conv or dense). */
  outputShape: (number | null)[];
  params: number;
  trainableParams: number;
}

const size = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 0), 1);

/** Rows by spec index; a row buildModel left out (a final softmax) has no entry. Throws on a layer it did not name. */
export function builtRows(model: tf.LayersModel): Map<number, BuiltRow> {
  const rows = new Map<number, BuiltRow>();
  for (const layer of model.layers) {
    // A functional model (one with blocks) lists its input layer too; it is no spec row.
    if (layer.getClassName() === 'InputLayer') continue;
    const index = specIndexOfLayerName(layer.name);
    if (index === null) throw new Error(`tfjs layer ${layer.name} is not named after a spec row`);
    const row = rows.get(index) ?? { outputShape: [], params: 0, trainableParams: 0 };
    row.outputShape = layer.outputShape as (number | null)[];
    row.params += layer.countParams();
    row.trainableParams += layer.trainableWeights.reduce((n, w) => n + size(w.shape), 0);
    rows.set(index, row);
  }
  return rows;
}
