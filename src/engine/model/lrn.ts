import * as tf from '@tensorflow/tfjs';

// AlexNet's local response normalisation as a tfjs layer. tfjs has the op (tf.localResponseNormalization)
// but no layer, and the wasm backend has no LRN kernel; written with square, pad, slice, log and exp it
// runs, and differentiates, on every backend without a kernel of its own.

/**
 * The class name model.json records for this layer. A loader must register the class before
 * tf.loadLayersModel: `tf.serialization.registerClass(LocalResponseNormalization)` (importing this module
 * does it), or its own class of that name with the same config fields.
 */
export const LRN_CLASS_NAME = 'LocalResponseNormalization';

export interface LrnConfig {
  depthRadius: number;
  bias: number;
  alpha: number;
  beta: number;
}

/** b = a / (bias + alpha · Σ a²)^beta, the sum over channels d − r … d + r (tf.nn.local_response_normalization). */
export function localResponseNorm(x: tf.Tensor4D, { depthRadius: r, bias, alpha, beta }: LrnConfig): tf.Tensor4D {
  return tf.tidy(() => {
    const channels = x.shape[3];
    const padded = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [r, r]]);
    let sum: tf.Tensor4D = tf.slice(padded, [0, 0, 0, 0], [-1, -1, -1, channels]);
    for (let i = 1; i <= 2 * r; i++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, i], [-1, -1, -1, channels]));
    // (bias + α·sum)^β as exp(β·log(…)): the base is at least bias > 0, and exp and log have wasm kernels.
    const scale = tf.exp(tf.mul(beta, tf.log(tf.add(bias, tf.mul(alpha, sum)))));
    return tf.div(x, scale);
  });
}

export class LocalResponseNormalization extends tf.layers.Layer {
  static className = LRN_CLASS_NAME;
  private readonly lrn: LrnConfig;

  constructor(config: LrnConfig & { name?: string; trainable?: boolean; dtype?: tf.DataType }) {
    super(config);
    this.lrn = { depthRadius: config.depthRadius, bias: config.bias, alpha: config.alpha, beta: config.beta };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return localResponseNorm(x as tf.Tensor4D, this.lrn);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.lrn };
  }
}

tf.serialization.registerClass(LocalResponseNormalization);
