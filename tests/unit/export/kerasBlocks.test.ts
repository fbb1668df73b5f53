import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kerasScript } from '../../../src/engine/export/keras';
import { buildModel } from '../../../src/engine/model/build';
import { getPreset } from '../../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';

// The Keras export of residual and inception blocks: the functional API (Add, Concatenate), with the
// layers named, sized and initialised as the app builds them. Keras is not installed on these machines,
// so the generated text is what is checked (scripts.test.ts compiles it).

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const resnet = kerasScript(getPreset('resnet-mini').build([28, 28, 1], 10), DEFAULT_TRAINING, 'mnist');
const googlenet = kerasScript(getPreset('googlenet-mini').build([32, 32, 3], 10), DEFAULT_TRAINING, 'cifar10');
const modelCode = (script: string) => script.slice(script.indexOf('def build_model'), script.indexOf('return keras.Model'));

/** Names of the Keras layers that hold weights, as the script writes them. */
const weightedNames = (script: string) =>
  [...modelCode(script).matchAll(/layers\.(?:Conv2D|Dense|BatchNormalization)\(.*?name="([^"]+)"/g)].map((m) => m[1]).sort();

describe('Keras export of blocks', () => {
  it('writes a model with blocks with the functional API rather than a Sequential', () => {
    for (const script of [resnet, googlenet]) {
      expect(script).toContain('    inputs = keras.Input(shape=(HEIGHT, WIDTH, CHANNELS))');
      expect(script).toContain('    return keras.Model(inputs, x, name="cnn_playground")');
      expect(script).not.toContain('keras.Sequential');
    }
    // A model without blocks stays a Sequential.
    expect(kerasScript(getPreset('vgg-mini').build([28, 28, 1], 10), DEFAULT_TRAINING, 'mnist')).toContain('return keras.Sequential([');
  });

  it('adds each residual block\'s shortcut to its main path, then activates: identity, zero padding and a projection', () => {
    expect(resnet).toContain('    shortcut = x  # identity\n    x = layers.Add(name="l3_residual_add")([y, shortcut])\n    x = layers.Activation("relu", name="l3_residual_relu")(x)');
    // 28×28×8 → 14×14×16: every second pixel, and 8 zero channels.
    expect(resnet).toContain('shortcut = layers.Lambda(lambda t: zero_pad_shortcut(t, 2, 8), name="l4_residual_shortcut")(x)');
    expect(resnet).toContain('def zero_pad_shortcut(x, stride, extra_channels):');
    // 14×14×16 → 7×7×32: a 1×1 convolution with the main path's stride, 16·32 + 32 parameters.
    expect(resnet).toContain(
      'shortcut = layers.Conv2D(32, 1, strides=2, padding="valid", kernel_initializer="glorot_uniform", bias_initializer="zeros", name="l5_residual_projection")(x)  # 1×1 projection, 544 parameters',
    );
    // The main path is chained from the block's input: its first layer reads x, the others y.
    expect(resnet).toMatch(/ {4}y = layers\.Conv2D\(16, 3, strides=2, padding="same", kernel_initializer="glorot_uniform".*name="l4_residual_m0_conv2d"\)\(x\)/);
    expect(resnet).toMatch(/ {4}y = layers\.BatchNormalization\(.*name="l4_residual_m1_batchNorm"\)\(y\)/);
  });

  it('writes each inception module as four branches from the same input, the reductions first, concatenated', () => {
    const block = googlenet.slice(googlenet.indexOf('# l2_inception'), googlenet.indexOf('l2_inception_concat'));
    expect(googlenet).toContain('    # l2_inception: 15×15×16 → 15×15×32');
    const lines = block.split('\n').map((l) => l.trim()).filter((l) => /^b[135p]+ = /.test(l));
    expect(lines.map((l) => /name="([^"]+)"\)\((\w+)\)/.exec(l)!.slice(1).join(' ← '))).toEqual([
      'l2_inception_1x1 ← x',
      'l2_inception_3x3_reduce ← x',
      'l2_inception_3x3 ← b3',
      'l2_inception_5x5_reduce ← x',
      'l2_inception_5x5 ← b5',
      'l2_inception_pool ← x',
      'l2_inception_pool_proj ← bp',
    ]);
    // The paper's 3a at an eighth: 12 filters reduce 16 channels before 16 filters of 3×3; He-normal before relu, fan-in 3·3·12.
    expect(block).toContain('b3 = layers.Conv2D(12, 1, strides=1, padding="same", activation="relu", kernel_initializer=he_normal(16)');
    expect(block).toContain('b3 = layers.Conv2D(16, 3, strides=1, padding="same", activation="relu", kernel_initializer=he_normal(108)');
    expect(block).toContain('bp = layers.MaxPooling2D(pool_size=3, strides=1, padding="same", name="l2_inception_pool")(x)');
    expect(googlenet).toContain('x = layers.Concatenate(axis=-1, name="l2_inception_concat")([b1, b3, b5, bp])');
    expect(googlenet).toContain('def he_normal(fan_in):');
    expect(googlenet).not.toContain('def zero_pad_shortcut');
  });

  it('names every weighted layer as the app\'s tfjs model does, so the two line up', () => {
    for (const [id, shape] of [['resnet-mini', [28, 28, 1]], ['googlenet-mini', [32, 32, 3]]] as const) {
      const spec = getPreset(id).build([...shape] as [number, number, number], 10);
      const model = buildModel(spec, { seed: 1 });
      const tfNames = model.layers.filter((l) => l.countParams() > 0).map((l) => l.name).sort();
      model.dispose();
      expect(weightedNames(id === 'resnet-mini' ? resnet : googlenet)).toEqual(tfNames);
    }
  });

  it('puts the weight decay on every kernel inside the blocks too, as the app does', () => {
    const script = kerasScript(getPreset('resnet-mini').build([28, 28, 1], 10), { ...DEFAULT_TRAINING, l2: 1e-4 }, 'mnist');
    const convs = modelCode(script).split('\n').filter((l) => l.includes('layers.Conv2D('));
    expect(convs).toHaveLength(8); // the stem, two in each of three blocks, the projection
    for (const line of convs) expect(line).toContain('kernel_regularizer=weight_decay');
  });
});
