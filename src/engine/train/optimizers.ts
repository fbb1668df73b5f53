import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './optimizerSpec';
import { FusedAdamOptimizer } from '../optimizers/fusedAdam';
import { AdadeltaOptimizer, AdamaxOptimizer, LeakFreeMomentumOptimizer, ManhattanOptimizer, NesterovOptimizer, RpropOptimizer, ScgOptimizer } from '../optimizers';

export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  switch (spec.type) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return new LeakFreeMomentumOptimizer(spec.learningRate, spec.momentum);
    case 'adam':
      return new FusedAdamOptimizer(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay, spec.momentum, spec.epsilon);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulatorValue);
    case 'adadelta':
      return new AdadeltaOptimizer(spec.learningRate, spec.rho, spec.epsilon);
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

/** The spec's base learning rate, or null for optimizers that set their own steps (Rprop, SCG). */
export function baseLearningRate(spec: OptimizerSpec): number | null {
  return 'learningRate' in spec ? spec.learningRate : null;
}

/**
 * Changes the rate between steps for a schedule. tfjs' SGD and momentum cache −η in a tensor and need
 * setLearningRate; every other optimizer here reads `learningRate` afresh on each step.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not instanceof: tfjs' Optimizer overrides Symbol.hasInstance, so every optimizer passes as an SGDOptimizer.
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (rate: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}
