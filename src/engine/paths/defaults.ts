import { defaultOptimizer, type OptimizerSpec } from '../train/optimizerSpec';
import type { OptimizerType } from '../train/optimizerSpec';
import type { Surface } from './surfaces';

// The training defaults (Adam's 0.001, …) are made for networks with thousands of weights and
// thousands of steps; on a 2-D surface they barely move. Only the rate changes here: every other
// hyperparameter keeps its training default.

/** `type` with its training defaults and a learning rate (Rprop: first step) that suits `surface`. */
export function suggestedOptimizer(surface: Surface, type: OptimizerType): OptimizerSpec {
  const spec = defaultOptimizer(type);
  const { gradient, step } = surface.rates;
  switch (spec.type) {
    case 'scg':
      return spec; // chooses its own step lengths
    case 'rprop':
      return { ...spec, initialStep: Math.max(step / 5, spec.minStep) };
    case 'sgd':
    // tfjs' Adadelta divides by the accumulated squared gradient from before the current one, so its
    // first steps are rate × gradient, like SGD's.
    case 'adadelta':
      return { ...spec, learningRate: gradient };
    case 'momentum':
    case 'nesterov':
      // Momentum lengthens steps up to 1/(1 − μ) times; half SGD's rate keeps both stable on the bowl.
      return { ...spec, learningRate: gradient / 2 };
    default:
      return { ...spec, learningRate: step };
  }
}

/** The rate field a path row edits: the learning rate, Rprop's initial step, or none (SCG). */
export function rateKey(spec: OptimizerSpec): 'learningRate' | 'initialStep' | null {
  if ('learningRate' in spec) return 'learningRate';
  if (spec.type === 'rprop') return 'initialStep';
  return null;
}
