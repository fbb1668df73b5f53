import type { ModelSpec } from '../../src/engine/spec/layers';

/**
 * Dense layers without activations: each one multiplies the weights' scale, so SGD at learning rate 10
 * overflows within a few steps, every time. The divergence tests (unit and browser) train it.
 */
export const LINEAR_STACK: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'flatten' },
    { type: 'dense', units: 64, activation: 'linear' },
    { type: 'dense', units: 64, activation: 'linear' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
