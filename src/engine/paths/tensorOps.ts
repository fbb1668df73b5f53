import * as tf from '@tensorflow/tfjs';
import type { Ops, Surface } from './surfaces';

const ops: Ops<tf.Tensor> = {
  c: (v) => tf.scalar(v),
  add: (a, b) => tf.add(a, b),
  sub: (a, b) => tf.sub(a, b),
  mul: (a, b) => tf.mul(a, b),
  square: (a) => tf.square(a),
};

/** f of `surface` on two scalar tensors, built from tfjs ops so that gradients flow through it. */
export function surfaceTensor(surface: Surface, x: tf.Scalar, y: tf.Scalar): tf.Scalar {
  return surface.expression<tf.Tensor>(x, y, ops) as tf.Scalar;
}
