import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdadeltaOptimizer, LeakFreeMomentumOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, maxError, quadratic, solve, trajectory, useCpuBackend, SMALL_BOWL } from './problems';
import { adadeltaSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

describe('Adadelta (Zeiler 2012)', () => {
  it('divides by the running RMS of the gradient that includes the current one (by hand)', () => {
    // ρ = 0.9, ε = 1e-6, η = 1, w₀ = (0, 0), g = Aw − b = (−1, 1).
    // E[g²] = 0.1·g² = (0.1, 0.1); Δ = √ε/√(0.1 + ε)·g = 0.00316226·g, so w₁ = (0.00316226, −0.00316226).
    // tfjs 4.22 divides by the old E[g²] = 0 instead: Δ = √ε/√ε·g = g, a unit step to w₁ = (1, −1).
    const xs = trajectory(new AdadeltaOptimizer(1, 0.9, 1e-6), bowl, [0, 0], 1);
    const step = Math.sqrt(1e-6) / Math.sqrt(0.1 + 1e-6);
    expect(maxError(xs, [[step, -step]])).toBeLessThan(1e-7);
    const theirs = tf.train.adadelta(1, 0.9, 1e-6);
    expect(maxError(trajectory(theirs, bowl, [0, 0], 1), [[1, -1]])).toBeLessThan(1e-6);
    theirs.dispose();
  });

  it('follows the rule on a tiny logistic regression', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    const expected = adadeltaSteps(problem, x0, 1, 0.95, 1e-6, 5);
    expect(maxError(trajectory(new AdadeltaOptimizer(1, 0.95, 1e-6), problem, x0, 5), expected)).toBeLessThan(1e-6);
  });

  it('closes in on the minimum of an ill-conditioned bowl', () => {
    const A = illConditioned([1, 3, 10]);
    const b = [1, -2, 0.5];
    const bowl3 = quadratic(A, b);
    const xs = trajectory(new AdadeltaOptimizer(1, 0.95, 1e-6), bowl3, [0, 0, 0], 3000);
    const best = bowl3.value(solve(A, b));
    // Adadelta's steps grow from √ε, so it gets there slowly: 99 % of the way in loss.
    expect(bowl3.value(xs.at(-1)!) - best).toBeLessThan(0.01 * (bowl3.value([0, 0, 0]) - best));
  });
});

describe('momentum', () => {
  it('frees every tensor on dispose (tfjs 4.22 leaks its learning-rate scalar)', () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const before = tf.memory().numTensors;
    const opt = new LeakFreeMomentumOptimizer(0.1, 0.9);
    opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
