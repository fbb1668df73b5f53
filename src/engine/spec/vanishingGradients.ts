import type { LayerSpec, ModelSpec } from './layers';

// The vanishing-gradient lesson's two models: the same deep stack of dense layers, once with sigmoid
// activations and once with batch normalisation and ReLU. A sigmoid's slope is at most ¼, so the gradient
// reaching the first layers shrinks by a factor of four or more per layer; ReLU passes it on unchanged where
// a unit is active, and batch norm keeps the pre-activations where units are active.

/** Hidden layers in each stack: deep enough for the first layers' gradients to fade by orders of magnitude. */
export const LESSON_DEPTH = 8;
export const LESSON_UNITS = 64;

export function deepSigmoidStack(inputShape: [number, number, number], classes: number): ModelSpec {
  const hidden: LayerSpec[] = Array.from({ length: LESSON_DEPTH }, () => ({ type: 'dense', units: LESSON_UNITS, activation: 'sigmoid' }));
  return { inputShape, layers: [{ type: 'flatten' }, ...hidden, { type: 'dense', units: classes, activation: 'softmax' }] };
}

export function deepReluBatchNormStack(inputShape: [number, number, number], classes: number): ModelSpec {
  const hidden: LayerSpec[] = Array.from({ length: LESSON_DEPTH }, (): LayerSpec[] => [
    { type: 'dense', units: LESSON_UNITS, activation: 'linear' },
    { type: 'batchNorm' },
    { type: 'activation', activation: 'relu' },
  ]).flat();
  return { inputShape, layers: [{ type: 'flatten' }, ...hidden, { type: 'dense', units: classes, activation: 'softmax' }] };
}
