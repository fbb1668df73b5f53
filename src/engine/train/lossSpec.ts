// Which loss a run minimises: a training setting, like the optimizer, so runs that differ only in it
// compare in the optimizer lab. Plain data (no tfjs): the exporters, the run table and the experiment
// gate read it on the page's main thread. The tensor code is in losses.ts.
//
import type { Activation, ItemSpec } from '../spec/layers';

// What every loss works on: the model's output as the app builds it, the scores before the final softmax
// (build.ts leaves that softmax out). Probabilities are always softmax(scores), so accuracy, evaluation
// and predictions read the same probabilities whichever loss trained the model.
//  - crossEntropy: −log softmax(scores)[true class], on the scores (finite where log(softmax) underflows).
//  - mse: the 1990s choice, squared error between softmax(scores) and the one-hot target, averaged over
//    the classes (as Keras's and PyTorch's MSE average over every element), then over the batch.
//  - hinge: ConvNetJS's SVM output (Weston–Watkins): Σ over the wrong classes j of max(0, 1 + s_j − s_y),
//    on the raw scores s, not on probabilities; a hinge on numbers squashed into [0, 1] would rarely
//    reach its margin of 1. Averaged over the batch.

export const LOSS_TYPES = ['crossEntropy', 'mse', 'hinge'] as const;
export type LossType = (typeof LOSS_TYPES)[number];

/** What every run used before the loss could be chosen, and what runs saved then are read as. */
export const DEFAULT_LOSS: LossType = 'crossEntropy';

/** The hinge's margin: a wrong class costs nothing once its score is this far below the true class's. */
export const HINGE_MARGIN = 1;

/**
 * The activation that squashes the model's scores into a narrow range, when its last item ends in sigmoid
 * or tanh: the hinge then can rarely meet its margin of 1 (scores in (0, 1) never differ by 1), which the
 * training panel says. A softmax at the end is no such problem: it is left out, the hinge sees the scores.
 */
export function squashingOutput(layers: readonly ItemSpec[]): Activation | null {
  const last = layers[layers.length - 1];
  const activation = last && 'activation' in last ? last.activation : null;
  return activation === 'sigmoid' || activation === 'tanh' ? activation : null;
}
