import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NesterovOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, maxError, quadratic, solve, trajectory, useCpuBackend, SMALL_BOWL, differenceFromBuiltIn } from './problems';
import { nesterovSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

describe('SGD with Nesterov momentum', () => {
  it('takes the look-ahead steps (by hand)', () => {
    // η = 0.1, μ = 0.9, w₀ = (0, 0):
    // 1: g = (−1, 1):        v = (0.1, −0.1),       w₁ = w₀ + 0.9v − 0.1g = (0.19, −0.19)
    // 2: g = (−0.62, 0.81):  v = (0.152, −0.171),    w₂ = (0.19 + 0.1368 + 0.062, −0.19 − 0.1539 − 0.081) = (0.3888, −0.4249)
    const xs = trajectory(new NesterovOptimizer(0.1, 0.9), bowl, [0, 0], 2);
    expect(maxError(xs, [[0.19, -0.19], [0.3888, -0.4249]])).toBeLessThan(1e-6);
    expect(maxError(trajectory(new NesterovOptimizer(0.1, 0.9), bowl, [0, 0], 3), nesterovSteps(bowl, [0, 0], 0.1, 0.9, 3))).toBeLessThan(1e-6);
  });

  it('follows the rule on a tiny logistic regression', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    expect(maxError(trajectory(new NesterovOptimizer(0.5, 0.8), problem, x0, 3), nesterovSteps(problem, x0, 0.5, 0.8, 3))).toBeLessThan(1e-6);
  });

  it('matches tfjs’s own tf.train.momentum(lr, m, useNesterov = true) step by step', () => {
    expect(differenceFromBuiltIn(new NesterovOptimizer(0.012, 0.9), tf.train.momentum(0.012, 0.9, true))).toBeLessThan(1e-5);
  });

  it('converges on an ill-conditioned bowl (condition number 100)', () => {
    const A = illConditioned([1, 3, 10, 30, 100]);
    const b = [1, -2, 0.5, 3, -1];
    // Stable while η·λmax < 2(1 + μ)/(1 + 2μ) ≈ 1.36; η·λmax = 1 here.
    const xs = trajectory(new NesterovOptimizer(0.01, 0.9), quadratic(A, b), [0, 0, 0, 0, 0], 400);
    expect(maxError([xs.at(-1)!], [solve(A, b)])).toBeLessThan(1e-3);
  });
});
