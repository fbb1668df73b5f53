import { isBlock, type Activation, type BlockSpec, type LayerSpec } from '../spec/layers';
import { endsWithSoftmax, type Experiment, type ExportLayer, fanIn, LEAKY_RELU_ALPHA } from './experiment';
import { innerKernelInit, kerasInitializer, kernelInitOf } from './lossInit';
import { grouped, pyFloat } from './python';

// The model as a keras.Sequential, or with the functional API when it has blocks. Keras and tfjs share
// their layer API, so this is nearly the app's build.ts (and blocks.ts) read aloud; the initialisers
// are written out because tfjs's heNormal is not Keras's.

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

/** One Keras layer call: the constructor, and what the comment after it says (shapes, parameters). */
interface KerasLayer {
  code: string;
  comment?: string;
}

/** The Keras layers for one spec layer, the first named `name` (the app's tfjs name, so weights line up). */
function kerasLayers(e: Experiment, l: ExportLayer, regularized: boolean, name = `l${l.index}_${l.layer.type}`): KerasLayer[] {
  const where = `${shape(l.input)} → ${shape(l.output)}${l.params > 0 ? `, ${grouped(l.params)} parameters` : ''}`;
  const leaky = (layerName: string): KerasLayer => ({ code: `layers.LeakyReLU(negative_slope=${pyFloat(LEAKY_RELU_ALPHA)}, name="${layerName}")` });
  const weighted = (head: string): KerasLayer[] => {
    const act = l.activation === 'leakyRelu' ? null : KERAS_ACTIVATIONS[l.activation];
    const args = [
      head,
      ...(act ? [`activation="${act}"`] : []),
      `kernel_initializer=${kerasInitializer(kernelInitOf(e, l), fanIn(l))}`,
      'bias_initializer="zeros"',
      ...(regularized ? ['kernel_regularizer=weight_decay'] : []),
      `name="${name}"`,
    ];
    const main = { code: `layers.${args.join(', ')})`, comment: where };
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
      return [{ code: `layers.${cls}(pool_size=${layer.poolSize}, strides=${layer.strides ?? layer.poolSize}, padding="valid", name="${name}")`, comment: where }];
    }
    case 'dropout':
      return [{ code: `layers.Dropout(${pyFloat(layer.rate)}, name="${name}")` }];
    case 'batchNorm':
      return [{ code: `layers.BatchNormalization(momentum=0.99, epsilon=1e-3, name="${name}")`, comment: where }];
    case 'flatten':
      return [{ code: `layers.Flatten(name="${name}")`, comment: where }];
    case 'activation':
      if (l.omitted) return [];
      if (l.activation === 'leakyRelu') return [leaky(name)];
      return [{ code: `layers.Activation("${l.activation}", name="${name}")` }];
    case 'residual':
    case 'inception':
      // Blocks have more than one path: blockLines writes them with the functional API.
      throw new Error(`a ${layer.type} block is not one chain of Keras layers`);
    case 'globalAvgPool':
      return [{ code: `layers.GlobalAveragePooling2D(name="${name}")`, comment: where }];
    case 'lrn':
      return [
        {
          code: `layers.Lambda(lambda x: local_response_norm(x, ${layer.depthRadius}, ${pyFloat(layer.bias)}, ${pyFloat(layer.alpha)}, ${pyFloat(layer.beta)}), name="${name}")`,
          comment: where,
        },
      ];
  }
}

const withComment = (line: string, comment?: string) => (comment ? `${line}  # ${comment}` : line);

/** `y = layers.X(...)(x)` for each layer, chained: the functional API's way of writing a Sequential. */
function chainLines(list: KerasLayer[], from: string, to: string): string[] {
  return list.map((k, i) => withComment(`${to} = ${k.code}(${i === 0 ? from : to})`, k.comment));
}

/** A 'same' conv inside a block, written as kerasLayers writes a spec conv (its initialiser from its activation). */
function innerConv(e: Experiment, name: string, filters: number, kernelSize: number, strides: number, activation: Activation, input: number[], output: number[], regularized: boolean): KerasLayer[] {
  const conv: LayerSpec = { type: 'conv2d', filters, kernelSize, strides, padding: 'same', activation };
  const params = kernelSize * kernelSize * input[2] * filters + filters;
  return kerasLayers(e, { index: -1, layer: conv, input, output, activation, omitted: false, params }, regularized, name);
}

/**
 * A residual or inception block with the functional API, its layers named as the app's tfjs layers
 * (src/engine/model/blocks.ts): x is the block's input before and its output after.
 */
function blockLines(e: Experiment, l: ExportLayer, regularized: boolean): string[] {
  const block = l.layer as BlockSpec;
  const base = `l${l.index}_${block.type}`;
  const head = `# ${base}: ${shape(l.input)} → ${shape(l.output)}${l.params > 0 ? `, ${grouped(l.params)} parameters` : ''}`;
  if (block.type === 'residual') {
    let input = l.input;
    const main = block.layers.flatMap((layer, j) => {
      const output = l.inner![j].output!;
      const activation: Activation = layer.type === 'batchNorm' ? 'linear' : layer.activation;
      const params = l.inner![j].params;
      const list = kerasLayers(e, { index: -1, layer, input, output, activation, omitted: false, params }, regularized, `${base}_m${j}_${layer.type}`);
      input = output;
      return list;
    });
    const stride = block.layers.reduce((s, layer) => s * (layer.type === 'conv2d' ? layer.strides : 1), 1);
    const channels = l.output[2];
    const extra = channels - l.input[2];
    const shortcut =
      block.shortcut === 'identity'
        ? ['shortcut = x  # identity']
        : block.shortcut === 'projection'
          ? [
              withComment(
                `shortcut = layers.Conv2D(${channels}, 1, strides=${stride}, padding="valid", kernel_initializer=${kerasInitializer(innerKernelInit(e, 'linear'), l.input[2])}, bias_initializer="zeros"${regularized ? ', kernel_regularizer=weight_decay' : ''}, name="${base}_projection")(x)`,
                `1×1 projection, ${grouped(l.input[2] * channels + channels)} parameters`,
              ),
            ]
          : [withComment(`shortcut = layers.Lambda(lambda t: zero_pad_shortcut(t, ${stride}, ${extra}), name="${base}_shortcut")(x)`, 'zero padding, no parameters')];
    const act = block.activation;
    const activation = act === 'linear' ? [] : act === 'leakyRelu' ? [`x = layers.LeakyReLU(negative_slope=${pyFloat(LEAKY_RELU_ALPHA)}, name="${base}_${act}")(x)`] : [`x = layers.Activation("${act}", name="${base}_${act}")(x)`];
    return [head, ...chainLines(main, 'x', 'y'), ...shortcut, `x = layers.Add(name="${base}_add")([y, shortcut])`, ...activation];
  }
  const [h, w] = l.input;
  const out = (n: number): number[] => [h, w, n];
  const a = block.activation;
  const conv = (suffix: string, filters: number, k: number, input: number[]) => innerConv(e, `${base}_${suffix}`, filters, k, 1, a, input, out(filters), regularized);
  const b1 = conv('1x1', block.conv1x1, 1, l.input);
  const b3 = [...conv('3x3_reduce', block.reduce3x3, 1, l.input), ...conv('3x3', block.conv3x3, 3, out(block.reduce3x3))];
  const b5 = [...conv('5x5_reduce', block.reduce5x5, 1, l.input), ...conv('5x5', block.conv5x5, 5, out(block.reduce5x5))];
  const pool = [{ code: `layers.MaxPooling2D(pool_size=3, strides=1, padding="same", name="${base}_pool")` }, ...conv('pool_proj', block.poolProj, 1, l.input)];
  return [
    head,
    ...chainLines(b1, 'x', 'b1'),
    ...chainLines(b3, 'x', 'b3'),
    ...chainLines(b5, 'x', 'b5'),
    ...chainLines(pool, 'x', 'bp'),
    `x = layers.Concatenate(axis=-1, name="${base}_concat")([b1, b3, b5, bp])  # the four branches' channels side by side`,
  ];
}

/** ResNet's option A as the app builds it: every stride-th pixel, then zero channels appended. */
export const ZERO_PAD_SHORTCUT_KERAS_CODE = `def zero_pad_shortcut(x, stride, extra_channels):
    """The residual shortcut without parameters: subsample with the main path's stride, pad zero channels."""
    x = x[:, ::stride, ::stride, :]
    return ops.pad(x, [[0, 0], [0, 0], [0, 0], [0, extra_channels]])`;

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
  const preamble = [
    ...(endsWithSoftmax(e.spec) ? ['    # The final softmax is left out, as in the app: the model outputs logits and the loss applies softmax.'] : []),
    ...(regularized ? ['    weight_decay = keras.regularizers.L1L2(l1=L1, l2=L2)  # on kernels only, added to the loss'] : []),
  ];
  if (e.layers.some((l) => isBlock(l.layer))) {
    // Blocks branch and join (Add, Concatenate), which a Sequential cannot say: the functional API can.
    const body = e.layers.flatMap((l) => (isBlock(l.layer) ? blockLines(e, l, regularized) : chainLines(kerasLayers(e, l, regularized), 'x', 'x')));
    return [
      'def build_model():',
      '    """The app\'s layers and blocks in the app\'s order, channels last as in the app (Keras functional API)."""',
      ...preamble,
      '    inputs = keras.Input(shape=(HEIGHT, WIDTH, CHANNELS))',
      '    x = inputs',
      ...body.map((line) => `    ${line}`),
      '    return keras.Model(inputs, x, name="cnn_playground")',
    ].join('\n');
  }
  return [
    'def build_model():',
    '    """The app\'s layers in the app\'s order, channels last as in the app."""',
    ...preamble,
    '    return keras.Sequential([',
    '        keras.Input(shape=(HEIGHT, WIDTH, CHANNELS)),',
    ...e.layers.flatMap((l) => kerasLayers(e, l, regularized)).map((k) => `        ${withComment(`${k.code},`, k.comment)}`),
    '    ], name="cnn_playground")',
  ].join('\n');
}
