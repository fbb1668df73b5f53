import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './optimizerSpec';
import { AdamaxOptimizer, ManhattanOptimizer, NesterovOptimizer, RpropOptimizer, ScgOptimizer } from '../optimizers';

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
    case 'nesterov':
      return new NesterovOptimizer(spec.learningRate, spec.momentum);
    case 'adamax':
      return new AdamaxOptimizer(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    case 'rprop':
      return new RpropOptimizer({
        initialStep: spec.initialStep,
        etaPlus: spec.etaPlus,
        etaMinus: spec.etaMinus,
        minStep: spec.minStep,
        maxStep: spec.maxStep,
      });
    case 'manhattan':
      return new ManhattanOptimizer(spec.learningRate);
    case 'scg':
      return new ScgOptimizer({ sigma: spec.sigma, lambda: spec.lambda });
  }
}
