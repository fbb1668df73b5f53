import * as tf from '@tensorflow/tfjs';

// While a gradient is being recorded, tfjs-layers' Conv2D runs tfjs's fused conv2d whenever its activation
// is linear or one the fused kernel lacks (tanh, sigmoid: the activation then follows on its own). That
// fused op's gradient is a custom one that always computes the gradient with respect to the layer's input,
// and the tape cannot skip it: for a network's first convolution that is a whole transposed convolution of
// the batch that nothing reads (6.6 of LeNet-5's 35 kernel milliseconds a step on wasm). A plain conv2d and
// bias add have registered gradients, and the tape calls only those that lead to a weight. The values are
// the same convolution and the same sum; outside gradient recording (prediction, evaluation) the layer
// keeps tfjs's fused kernel. Relu layers already take the plain path while recording (tfjs's shouldFuse).

interface ConvInternals {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  strides: [number, number];
  padding: 'same' | 'valid';
  dataFormat: 'channelsLast' | 'channelsFirst';
  dilationRate: [number, number];
  activation: { apply(x: tf.Tensor): tf.Tensor };
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

function recordingGradient(): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

/** Makes a tfjs Conv2D layer take the plain conv2d + bias path while gradients are recorded. Returns the layer. */
export function unfusedWhileTraining<L extends tf.layers.Layer>(layer: L): L {
  const conv = layer as unknown as ConvInternals;
  const fused = conv.call.bind(layer);
  conv.call = (inputs, kwargs) => {
    if (!recordingGradient() || conv.dataFormat !== 'channelsLast') return fused(inputs, kwargs);
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      let y: tf.Tensor = tf.conv2d(x, conv.kernel.read() as tf.Tensor4D, conv.strides, conv.padding, 'NHWC', conv.dilationRate);
      if (conv.bias) y = tf.add(y, conv.bias.read());
      return conv.activation.apply(y);
    });
  };
  return layer;
}
