import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's momentum optimizer, minus a leak: in tfjs 4.22 MomentumOptimizer.dispose frees its own tensors
 * but not the −η scalar its SGD parent keeps, so every run with momentum left one tensor behind.
 */
export class LeakFreeMomentumOptimizer extends tf.MomentumOptimizer {
  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }
}
