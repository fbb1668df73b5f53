import type { Activation } from '../spec/layers';

// How the kernels of conv and dense layers start: a training setting applied when the model is built
// (buildModel's `init`), not a property of the model spec. Like the optimizer, it is a choice about how a
// given architecture is trained, and the lesson is comparing it across runs of the same model on the same
// seed (He vs Glorot vs tiny random weights); one setting per run keeps that comparison one column of the
// run table, where per-layer overrides would make runs hard to compare and the builder busier for no
// lesson. Biases start at zero whatever the choice. Plain data (no tfjs): the exporters read it too.
//
//  - auto: what the app always did, and what runs saved before this setting are read as: He-normal before
//    relu, leakyRelu and elu, Glorot-uniform before everything else (Keras's usual advice).
//  - he: He-normal everywhere: tfjs's heNormal, a normal distribution cut at ±2σ with σ = √(2 / fan_in)
//    (tfjs does not widen σ to make up for the cut, so the weights' spread is about 0.88σ).
//  - glorot: Glorot-uniform everywhere: uniform on ±√(6 / (fan_in + fan_out)).
//  - smallNormal: N(0, 0.01²) everywhere, the pre-2010 habit: in a deep network the signal shrinks layer by
//    layer and training stalls, which is why initialisation matters.

export const INIT_TYPES = ['auto', 'he', 'glorot', 'smallNormal'] as const;
export type InitType = (typeof INIT_TYPES)[number];

export const DEFAULT_INIT: InitType = 'auto';

/** The standard deviation of the small random normal initialisation. */
export const SMALL_NORMAL_STD = 0.01;

/** The distribution a kernel actually starts from. */
export type KernelInit = 'heNormal' | 'glorotUniform' | 'smallNormal';

const HE_ACTIVATIONS: ReadonlySet<Activation> = new Set(['relu', 'leakyRelu', 'elu']);

/** The initialiser of a kernel followed by `activation` under the run's `init` setting. */
export function kernelInitFor(init: InitType, activation: Activation): KernelInit {
  switch (init) {
    case 'auto':
      return HE_ACTIVATIONS.has(activation) ? 'heNormal' : 'glorotUniform';
    case 'he':
      return 'heNormal';
    case 'glorot':
      return 'glorotUniform';
    case 'smallNormal':
      return 'smallNormal';
  }
}
