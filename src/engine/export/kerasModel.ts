import type { Activation } from '../spec/layers';
import { endsWithSoftmax, type Experiment, type ExportLayer, fanIn, LEAKY_RELU_ALPHA } from './experiment';
import { kerasInitializer, kernelInitOf } from './lossInit';
import { grouped, pyFloat } from './python';

// The model as a keras.Sequential. Keras and tfjs share their layer API, so this is nearly the app's
// build.ts read aloud; the initialisers are written out because tfjs's heNormal is not Keras's.

const KERAS_ACTIVATIONS: Record<Exclude<Activation, 'leakyRelu'>, string | null> = {
  linear: null,
  relu: 'relu',
  elu: 'elu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax', // over the last axis, the channels, as in tfjs
};

const shape = (s: number[]) => s.join('×');

export const HE_NORMAL_KERAS_CODE = `def he_normal(fan_in):
    """tfjs's heNormal: a normal distribution cut at ±2σ with σ = √(2 / fan_in).

    Keras's "he_normal" widens σ by 1/0.88 to make up for the cut; the app's does not, so neither does this.
    """
    return keras.initializers.TruncatedNormal(stddev=math.sqrt(2.0 / fan_in))`;

function layerLines(e: Experiment, l: ExportLayer, regularized: boolean): string[] {
  const name = `l${l.index}_${l.layer.type}`;
  const where = `  # ${shape(l.input)} → ${shape(l.output)}${l.params > 0 ? `, ${grouped(l.params)} parameters` : ''}`;
  const leaky = (layerName: string) => `layers.LeakyReLU(negative_slope=${pyFloat(LEAKY_RELU_ALPHA)}, name="${layerName}"),`;
  const weighted = (head: string): string[] => {
    const act = l.activation === 'leakyRelu' ? null : KERAS_ACTIVATIONS[l.activation];
    const args = [
      head,
      ...(act ? [`activation="${act}"`] : []),
      `kernel_initializer=${kerasInitializer(kernelInitOf(e, l), fanIn(l))}`,
      'bias_initializer="zeros"',
      ...(regularized ? ['kernel_regularizer=weight_decay'] : []),
      `name="${name}"`,
    ];
    const main = `layers.${args.join(', ')}),${where}`;
    return l.activation === 'leakyRelu' ? [main, leaky(`${name}_leakyRelu`)] : [main];
  };
  const layer = l.layer;
  switch (layer.type) {
    case 'conv2d':
      return weighted(`Conv2D(${layer.filters}, ${layer.kernelSize}, strides=${layer.strides}, padding="${layer.padding}"`);
    case 'dense':
      return weighted(`Dense(${layer.units}`);
    case 'maxPool':
    case 'avgPool': {
      const cls = layer.type === 'maxPool' ? 'MaxPooling2D' : 'AveragePooling2D';
      return [`layers.${cls}(pool_size=${layer.poolSize}, strides=${layer.strides ?? layer.poolSize}, padding="valid", name="${name}"),${where}`];
    }
    case 'dropout':
      return [`layers.Dropout(${pyFloat(layer.rate)}, name="${name}"),`];
    case 'batchNorm':
      return [`layers.BatchNormalization(momentum=0.99, epsilon=1e-3, name="${name}"),${where}`];
    case 'flatten':
      return [`layers.Flatten(name="${name}"),${where}`];
    case 'activation':
      if (l.omitted) return [];
      if (l.activation === 'leakyRelu') return [leaky(name)];
      return [`layers.Activation("${l.activation}", name="${name}"),`];
    case 'residual':
    case 'inception':
      // kerasScript refuses blocks before it gets here, with a message for the student.
      throw new Error(`a ${layer.type} block is not written as Keras layers`);
    case 'globalAvgPool':
      return [`layers.GlobalAveragePooling2D(name="${name}"),${where}`];
    case 'lrn':
      return [
        `layers.Lambda(lambda x: local_response_norm(x, ${layer.depthRadius}, ${pyFloat(layer.bias)}, ${pyFloat(layer.alpha)}, ${pyFloat(layer.beta)}), name="${name}"),${where}`,
      ];
  }
}

/** The app's LRN (src/engine/model/lrn.ts) in Keras ops, so that the script runs on any Keras backend. */
export const LRN_KERAS_CODE = `def local_response_norm(x, depth_radius, bias, alpha, beta):
    """AlexNet's local response normalisation as tf.nn.local_response_normalization has it:
    x / (bias + alpha * sum of x² over the 2·depth_radius + 1 neighbouring channels) ** beta."""
    channels = x.shape[-1]
    padded = ops.pad(ops.square(x), [[0, 0], [0, 0], [0, 0], [depth_radius, depth_radius]])
    total = sum(padded[..., i:i + channels] for i in range(2 * depth_radius + 1))
    return x / ops.power(bias + alpha * total, beta)`;

export function kerasModelCode(e: Experiment): string {
  const regularized = e.config.l1 > 0 || e.config.l2 > 0;
  return [
    'def build_model():',
    '    """The app\'s layers in the app\'s order, channels last as in the app."""',
    ...(endsWithSoftmax(e.spec) ? ['    # The final softmax is left out, as in the app: the model outputs logits and the loss applies softmax.'] : []),
    ...(regularized ? ['    weight_decay = keras.regularizers.L1L2(l1=L1, l2=L2)  # on kernels only, added to the loss'] : []),
    '    return keras.Sequential([',
    '        keras.Input(shape=(HEIGHT, WIDTH, CHANNELS)),',
    ...e.layers.flatMap((l) => layerLines(e, l, regularized)).map((line) => `        ${line}`),
    '    ], name="cnn_playground")',
  ].join('\n');
}
