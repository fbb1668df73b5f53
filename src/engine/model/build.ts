import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../spec/analyze.ts';
import { SpecError } from '../spec/issues.ts';
import { isBlock, type Activation, type ItemType, type LayerSpec, type ModelSpec } from '../spec/layers.ts';
import { layerSeed } from './seeds.ts';
import { LocalResponseNormalization } from './lrn.ts';
import { applyBlock } from './blocks.ts';

// Turns a valid spec into a tfjs model whose output is logits: the trainer applies softmax
// cross-entropy to logits, which stays finite where log(softmax(x)) would underflow. A flat list of
// layers is a tf.Sequential, as it always was; a spec with blocks is a functional tf.model.

/** tfjs has no 'leakyRelu' activation string, so leakyRelu becomes its own tf.layers.leakyReLU layer. */
export const LEAKY_RELU_ALPHA = 0.2;

/** Activations whose units start best with He initialisation; the rest get Glorot, as in Keras. */
const HE_ACTIVATIONS: ReadonlySet<Activation> = new Set(['relu', 'leakyRelu', 'elu']);

/** The name of the tfjs layer(s) built for spec.layers[index]: "l3_conv2d", "l3_conv2d_leakyRelu". */
export function tfLayerName(index: number, type: ItemType, suffix?: string): string {
  return suffix ? `l${index}_${type}_${suffix}` : `l${index}_${type}`;
}

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

export function kernelInitializer(activation: Activation, seed: number) {
  return HE_ACTIVATIONS.has(activation)
    ? tf.initializers.heNormal({ seed })
    : tf.initializers.glorotUniform({ seed });
}

/**
 * The tfjs layers for one spec layer, the first named `name`. `activation` is what to apply (the spec's,
 * or 'linear' for a final softmax); `first` carries inputShape for the model's first layer; `seed` seeds
 * its kernel.
 */
export function tfLayersFor(
  layer: LayerSpec,
  name: string,
  activation: Activation,
  seed: number,
  first: { inputShape?: number[] },
): tf.layers.Layer[] {
  const leaky = activation === 'leakyRelu';
  const tfActivation = leaky ? 'linear' : activation;
  const leakyLayer = () => tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: `${name}_leakyRelu` });
  const withLeaky = (main: tf.layers.Layer) => (leaky ? [main, leakyLayer()] : [main]);

  switch (layer.type) {
    case 'conv2d':
      return withLeaky(
        tf.layers.conv2d({
          ...first,
          name,
          filters: layer.filters,
          kernelSize: layer.kernelSize,
          strides: layer.strides,
          padding: layer.padding,
          activation: tfActivation,
          kernelInitializer: kernelInitializer(activation, seed),
          biasInitializer: 'zeros',
        }),
      );
    case 'dense':
      return withLeaky(
        tf.layers.dense({
          ...first,
          name,
          units: layer.units,
          activation: tfActivation,
          kernelInitializer: kernelInitializer(activation, seed),
          biasInitializer: 'zeros',
        }),
      );
    case 'maxPool':
    case 'avgPool': {
      const args = { ...first, name, poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, padding: 'valid' as const };
      return [layer.type === 'maxPool' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args)];
    }
    case 'dropout':
      // No seed on purpose: tfjs re-seeds its generator on every call with a fixed seed, which would drop
      // the same units at every training step.
      return [tf.layers.dropout({ ...first, name, rate: layer.rate })];
    case 'batchNorm':
      return [tf.layers.batchNormalization({ ...first, name, axis: -1 })];
    case 'flatten':
      return [tf.layers.flatten({ ...first, name })];
    case 'activation':
      return leaky
        ? [tf.layers.leakyReLU({ ...first, name, alpha: LEAKY_RELU_ALPHA })]
        : [tf.layers.activation({ ...first, name, activation: tfActivation })];
    case 'globalAvgPool':
      return [tf.layers.globalAveragePooling2d({ ...first, name })];
    case 'lrn':
      return [new LocalResponseNormalization({ ...first, name, depthRadius: layer.depthRadius, bias: layer.bias, alpha: layer.alpha, beta: layer.beta })];
  }
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
 * Builds the tf.Sequential for a spec, deterministically initialised from opts.seed. The output is logits:
 * a softmax that ends the model is left out (see endsWithSoftmax). Throws SpecError if the spec has issues.
 */
export function buildModel(spec: ModelSpec, opts: { seed: number }): tf.LayersModel {
  // null: any flat output is accepted here; the class count is checked where the dataset is known.
  const analysis = analyzeModel(spec, null);
  if (!analysis.ok || analysis.spec === null) throw new SpecError(analysis.issues);
  const { inputShape, layers } = analysis.spec;
  const lastIndex = layers.length - 1;
  const layersOf = (layer: LayerSpec, index: number, first: { inputShape?: number[] }) => {
    const activation = appliedActivation(layer, index === lastIndex);
    return activation === null ? [] : tfLayersFor(layer, tfLayerName(index, layer.type), activation, layerSeed(opts.seed, index), first);
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
      x = applyBlock(item, index, x, opts.seed);
      return;
    }
    for (const tfLayer of layersOf(item, index, {})) x = tfLayer.apply(x) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: x });
}
