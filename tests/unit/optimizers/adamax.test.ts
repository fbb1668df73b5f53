import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdamaxOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, maxError, quadratic, solve, trajectory, useCpuBackend, SMALL_BOWL, differenceFromBuiltIn } from './problems';
import { adamaxSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

describe('Adamax', () => {
  it('takes the bias-corrected infinity-norm steps (by hand)', () => {
    // η = 0.1, β₁ = 0.9, β₂ = 0.999, w₀ = (0, 0). Step 1: m = 0.1g, u = |g|, so the step is
    // η/(1 − 0.9) · 0.1g/|g| = η·sign(g): w₁ = (0.1, −0.1).
    // Step 2: g = (−0.8, 0.9): m = (−0.17, 0.18), u = (max(0.999, 0.8), max(0.999, 0.9)) = (0.999, 0.999),
    // w₂ = w₁ − 0.1/(1 − 0.81) · m/u = (0.1 + 0.0895632, −0.1 − 0.0948316).
    const xs = trajectory(new AdamaxOptimizer(0.1, 0.9, 0.999, 1e-12), bowl, [0, 0], 2);
    expect(maxError(xs, [[0.1, -0.1], [0.1895632, -0.1948316]])).toBeLessThan(1e-6);
  });

  it('follows the rule on a tiny logistic regression', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    const expected = adamaxSteps(problem, x0, 0.05, 0.9, 0.999, 1e-7, 3);
    expect(maxError(trajectory(new AdamaxOptimizer(0.05, 0.9, 0.999, 1e-7), problem, x0, 3), expected)).toBeLessThan(1e-6);
  });

  it('matches tfjs’s own tf.train.adamax step by step', () => {
    expect(differenceFromBuiltIn(new AdamaxOptimizer(0.02, 0.9, 0.99, 1e-7), tf.train.adamax(0.02, 0.9, 0.99, 1e-7))).toBeLessThan(1e-5);
  });

  it('converges on an ill-conditioned bowl (condition number 100)', () => {
    const A = illConditioned([1, 3, 10, 30, 100]);
    const b = [1, -2, 0.5, 3, -1];
    const xs = trajectory(new AdamaxOptimizer(0.01), quadratic(A, b), [0, 0, 0, 0, 0], 1500);
    expect(maxError([xs.at(-1)!], [solve(A, b)])).toBeLessThan(1e-2);
  });
});
