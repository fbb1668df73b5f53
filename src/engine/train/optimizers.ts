import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './optimizerSpec';

export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.type) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay, spec.momentum, spec.epsilon);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulatorValue);
    case 'adadelta':
      return tf.train.adadelta(spec.learningRate, spec.rho, spec.epsilon);
  }
}
