import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../spec/analyze.ts';
import { SpecError } from '../spec/issues.ts';
import { isBlock, type Activation, type LayerSpec, type ModelSpec } from '../spec/layers.ts';
import { layerSeed } from './seeds.ts';
import { applyBlock } from './blocks.ts';
import { tfLayerName, tfLayersFor } from './layerFactory.ts';
import { DEFAULT_INIT, type InitType } from './initSpec.ts';

export { LEAKY_RELU_ALPHA, tfLayerName } from './layerFactory.ts';

// Turns a valid spec into a tfjs model whose output is logits: the trainer's losses work on logits
// (softmax cross-entropy stays finite there where log(softmax(x)) would underflow; the hinge needs raw
// scores; squared error takes their softmax, see train/lossSpec.ts). A flat list of
// layers is a tf.Sequential, as it always was; a spec with blocks is a functional tf.model.

/** The spec index (0-based) a tfjs layer was built for, or null for a name buildModel did not give. */
export function specIndexOfLayerName(name: string): number | null {
  const match = /^l(\d+)_/.exec(name);
  return match ? Number(match[1]) : null;
}

/** The activation applied by the model's last layer ('linear' for a layer that applies none). */
export function finalActivation(spec: ModelSpec): Activation {
  const last = spec.layers[spec.layers.length - 1];
  return last && (last.type === 'dense' || last.type === 'activation') ? last.activation : 'linear';
}

/** Whether the model ends in a softmax, which buildModel leaves out so that the model outputs logits. */
export function endsWithSoftmax(spec: ModelSpec): boolean {
  return finalActivation(spec) === 'softmax';
}

/** The activation buildModel applies for a spec layer: a final softmax is left out (the output is logits). */
function appliedActivation(layer: LayerSpec, isLast: boolean): Activation | null {
  let activation: Activation = 'linear';
  if (layer.type === 'dense' || layer.type === 'conv2d' || layer.type === 'activation') activation = layer.activation;
  if (isLast && activation === 'softmax') {
    if (layer.type === 'activation') return null;
    activation = 'linear';
  }
  return activation;
}

/**
 * Builds the tf.Sequential for a spec, deterministically initialised from opts.seed, its kernels as
 * opts.init says (a training setting, see initSpec.ts; 'auto' when not given). The output is logits:
 * a softmax that ends the model is left out (see endsWithSoftmax). Throws SpecError if the spec has issues.
 */
export function buildModel(spec: ModelSpec, opts: { seed: number; init?: InitType }): tf.LayersModel {
  const init = opts.init ?? DEFAULT_INIT;
  // null: any flat output is accepted here; the class count is checked where the dataset is known.
  const analysis = analyzeModel(spec, null);
  if (!analysis.ok || analysis.spec === null) throw new SpecError(analysis.issues);
  const { inputShape, layers } = analysis.spec;
  const lastIndex = layers.length - 1;
  const layersOf = (layer: LayerSpec, index: number, first: { inputShape?: number[] }) => {
    const activation = appliedActivation(layer, index === lastIndex);
    return activation === null ? [] : tfLayersFor(layer, tfLayerName(index, layer.type), activation, layerSeed(opts.seed, index), first, init);
  };

  if (!layers.some(isBlock)) {
    const model = tf.sequential();
    layers.forEach((layer, index) => {
      const first = index === 0 ? { inputShape: [...inputShape] } : {};
      for (const tfLayer of layersOf(layer as LayerSpec, index, first)) model.add(tfLayer);
    });
    return model;
  }

  const input = tf.input({ shape: [...inputShape], name: 'input' });
  let x: tf.SymbolicTensor = input;
  layers.forEach((item, index) => {
    if (isBlock(item)) {
      x = applyBlock(item, index, x, opts.seed, init);
      return;
    }
    for (const tfLayer of layersOf(item, index, {})) x = tfLayer.apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: x });
}
