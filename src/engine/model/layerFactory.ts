import * as tf from '@tensorflow/tfjs';
import type { Activation, ItemType, LayerSpec } from '../spec/layers.ts';
import { LocalResponseNormalization } from './lrn.ts';
import { unfusedWhileTraining } from './unfusedConv.ts';
import { DEFAULT_INIT, kernelInitFor, SMALL_NORMAL_STD, type InitType } from './initSpec.ts';

// The tfjs layers for one spec layer, named and initialised as the app builds them: shared by the
// sequential build (build.ts) and the blocks of a functional one (blocks.ts).

/** tfjs has no 'leakyRelu' activation string, so leakyRelu becomes its own tf.layers.leakyReLU layer. */
export const LEAKY_RELU_ALPHA = 0.2;

/** The name of the tfjs layer(s) built for spec.layers[index]: "l3_conv2d", "l3_conv2d_leakyRelu". */
export function tfLayerName(index: number, type: ItemType, suffix?: string): string {
  return suffix ? `l${index}_${type}_${suffix}` : `l${index}_${type}`;
}

/** The seeded initialiser of a kernel followed by `activation`, under the run's `init` setting (initSpec.ts). */
export function kernelInitializer(activation: Activation, seed: number, init: InitType = DEFAULT_INIT) {
  switch (kernelInitFor(init, activation)) {
    case 'heNormal':
      return tf.initializers.heNormal({ seed });
    case 'glorotUniform':
      return tf.initializers.glorotUniform({ seed });
    case 'smallNormal':
      return tf.initializers.randomNormal({ mean: 0, stddev: SMALL_NORMAL_STD, seed });
  }
}

/**
 * The tfjs layers for one spec layer, the first named `name`. `activation` is what to apply (the spec's,
 * or 'linear' for a final softmax); `first` carries inputShape for the model's first layer; `seed` seeds
 * its kernel, which starts as the run's `init` says.
 */
export function tfLayersFor(
  layer: LayerSpec,
  name: string,
  activation: Activation,
  seed: number,
  first: { inputShape?: number[] },
  init: InitType = DEFAULT_INIT,
): tf.layers.Layer[] {
  const leaky = activation === 'leakyRelu';
  const tfActivation = leaky ? 'linear' : activation;
  const leakyLayer = () => tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: `${name}_leakyRelu` });
  const withLeaky = (main: tf.layers.Layer) => (leaky ? [main, leakyLayer()] : [main]);

  switch (layer.type) {
    case 'conv2d':
      return withLeaky(
        unfusedWhileTraining(
          tf.layers.conv2d({
            ...first,
            name,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            strides: layer.strides,
            padding: layer.padding,
            activation: tfActivation,
            kernelInitializer: kernelInitializer(activation, seed, init),
            biasInitializer: 'zeros',
          }),
        ),
      );
    case 'dense':
      return withLeaky(
        tf.layers.dense({
          ...first,
          name,
          units: layer.units,
          activation: tfActivation,
          kernelInitializer: kernelInitializer(activation, seed, init),
          biasInitializer: 'zeros',
        }),
      );
    case 'maxPool':
    case 'avgPool': {
      const args = { ...first, name, poolSize: layer.poolSize, strides: layer.strides ?? layer.poolSize, padding: 'valid' as const };
      return [layer.type === 'maxPool' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args)];
    }
    case 'dropout':
      // No seed here: tfjs re-seeds its generator on every call with a fixed seed, which would drop the same
      // units at every training step. The trainer seeds it anew before each step (dropoutSeeds.ts).
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

