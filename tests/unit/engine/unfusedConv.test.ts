import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unfusedWhileTraining } from '../../../src/engine/model/unfusedConv';

// While training, a convolution takes conv2d + bias add instead of tfjs's fused conv2d, so the tape skips
// the gradient nobody needs (the first layer's, with respect to the images). Same values either way.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function pair(activation: 'tanh' | 'linear' | 'relu') {
  const make = () => tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }), biasInitializer: tf.initializers.randomNormal({ seed: 8 }) });
  const plain = make();
  const patched = unfusedWhileTraining(make());
  const x = tf.randomNormal([2, 6, 5, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
  plain.apply(x);
  patched.apply(x);
  return { plain, patched, x };
}

/** Weight gradients of Σ output², and how many input-gradient convolutions the tape ran to get them. */
async function weightGrads(layer: tf.layers.Layer, x: tf.Tensor4D) {
  let grads: Float32Array[] = [];
  const info = await tf.profile(() => {
    const { grads: g } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
    grads = Object.values(g).map((t) => t.dataSync() as Float32Array);
    tf.dispose(Object.values(g));
  });
  return { grads, inputGradients: info.kernels.filter((k) => k.name === 'Conv2DBackpropInput').length };
}

describe('convolutions while training', () => {
  for (const activation of ['tanh', 'linear', 'relu'] as const) {
    it(`${activation}: same output and weight gradients as the fused layer, without the input's gradient`, async () => {
      const { plain, patched, x } = pair(activation);
      const yPlain = (plain.apply(x) as tf.Tensor).dataSync();
      const yPatched = (patched.apply(x) as tf.Tensor).dataSync();
      expect(Array.from(yPatched)).toEqual(Array.from(yPlain));
      const a = await weightGrads(plain, x);
      const b = await weightGrads(patched, x);
      expect(b.grads).toHaveLength(2);
      b.grads.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(a.grads[i][j], 4)));
      expect(b.inputGradients).toBe(0);
      // tfjs's fused kernel computes it for tanh and linear layers; relu layers already skip it.
      expect(a.inputGradients).toBe(activation === 'relu' ? 0 : 1);
    });
  }
});
