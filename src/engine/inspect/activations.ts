import * as tf from '@tensorflow/tfjs';
import { groupOutputs, modelInputShape, range, specLayerGroups } from './layers';
import type { LayerActivation } from './types';

export interface Activations {
  layers: LayerActivation[];
  /** Softmax of the model's output (its logits). */
  probabilities: Float32Array;
}

/**
 * Every spec layer's output for one image [H, W, C] in [0, 1]: one forward pass, layer by layer in
 * inference mode (dropout off, batch norm on its moving statistics), read back in one transfer. A spec
 * layer built as two tfjs layers (conv/dense + LeakyReLU) reports the second's output; the final dense
 * reports logits, since buildModel leaves its softmax out (probabilities has it).
 */
export async function layerActivations(model: tf.LayersModel, pixels: Float32Array): Promise<Activations> {
  const inputShape = modelInputShape(model);
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (pixels.length !== size) throw new Error(`the image has ${pixels.length} values but the model takes ${inputShape.join('×')} = ${size}`);
  const groups = specLayerGroups(model);
  const shapes: number[][] = [];
  // All outputs flattened into one tensor so that the backend is read once, not once per layer.
  const joined = tf.tidy(() => {
    const outputs = groupOutputs(model, groups, tf.tensor(pixels, [1, ...inputShape]));
    for (const y of outputs) shapes.push(y.shape.slice(1) as number[]);
    const flat = outputs.map((y) => y.reshape([-1]));
    flat.push(tf.softmax(outputs[outputs.length - 1].reshape([1, -1])).reshape([-1]));
    return tf.concat(flat);
  });
  let all: Float32Array;
  try {
    all = (await joined.data()) as Float32Array;
  } finally {
    joined.dispose();
  }
  let offset = 0;
  const layers = groups.map((group, i): LayerActivation => {
    const length = shapes[i].reduce((a, b) => a * b, 1);
    // A copy, not a view: each layer's values must be transferable on their own.
    const values = all.slice(offset, offset + length);
    offset += length;
    return { layer: group.layer, type: group.type, shape: shapes[i], values, ...range(values) };
  });
  return { layers, probabilities: all.slice(offset) };
}
