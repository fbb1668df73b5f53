import { describe, expect, it } from 'vitest';
import { RpropOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, maxError, quadratic, solve, trajectory, useCpuBackend, SMALL_BOWL } from './problems';
import { rpropSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

describe('Rprop (iRprop−)', () => {
  it('grows steps while the sign holds, and on a sign change shrinks the step and skips the weight (by hand)', () => {
    // Δ₀ = 0.25, η⁺ = 1.2, η⁻ = 0.5, w₀ = (0, 0):
    // 1: ∇f = (−1, 1), no previous gradient      → w₁ = (0.25, −0.25)
    // 2: ∇f = (−0.5, 0.75), same signs, Δ = 0.3   → w₂ = (0.55, −0.55)
    // 3: ∇f = (0.1, 0.45): w¹ flips → Δ¹ = 0.15, no step, g′¹ = 0; w² keeps its sign → Δ² = 0.36 → w₃ = (0.55, −0.91)
    // 4: ∇f = (−0.26, −0.27): g′¹ = 0 → step Δ¹ = 0.15; w² flips → Δ² = 0.18, no step → w₄ = (0.70, −0.91)
    const opt = new RpropOptimizer({ initialStep: 0.25 });
    const xs = trajectory(opt, bowl, [0, 0], 4);
    expect(maxError(xs, [[0.25, -0.25], [0.55, -0.55], [0.55, -0.91], [0.7, -0.91]])).toBeLessThan(1e-6);
  });

  it('keeps its step sizes between Δmin and Δmax', () => {
    // f(w) = w: the gradient is always 1, so the step grows 1, 1.2, 1.44, then is capped at 1.5.
    const line = quadratic([[0]], [-1]);
    const xs = trajectory(new RpropOptimizer({ initialStep: 1, maxStep: 1.5 }), line, [0], 5);
    expect(maxError(xs, [[-1], [-2.2], [-3.64], [-5.14], [-6.64]])).toBeLessThan(1e-5);
    // f(w) = ½w² from w = 1 with a huge first step: it flips every other step and the step bottoms out at Δmin.
    const opt = new RpropOptimizer({ initialStep: 4, etaMinus: 0.1, minStep: 0.01 });
    const ys = trajectory(opt, quadratic([[1]], [0]), [1], 12);
    const steps = ys.slice(1).map((y, i) => Math.abs(y[0] - ys[i][0])).filter((d) => d > 0);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0.01 - 1e-7);
  });

  it('follows iRprop− on a tiny logistic regression, sign changes included', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    const params = { initialStep: 0.3, etaPlus: 1.2, etaMinus: 0.5, minStep: 1e-6, maxStep: 50 };
    const expected = rpropSteps(problem, x0, params, 8);
    expect(expected.signChanges).toBeGreaterThan(0);
    expect(maxError(trajectory(new RpropOptimizer(params), problem, x0, 8), expected.x)).toBeLessThan(1e-5);
  });

  it('converges on an ill-conditioned bowl (condition number 100)', () => {
    const A = illConditioned([1, 3, 10, 30, 100]);
    const b = [1, -2, 0.5, 3, -1];
    const wStar = solve(A, b);
    const params = { initialStep: 0.01, etaPlus: 1.2, etaMinus: 0.5, minStep: 1e-6, maxStep: 50 };
    const xs = trajectory(new RpropOptimizer(params), quadratic(A, b), [0, 0, 0, 0, 0], 200);
    expect(maxError(xs.slice(0, 20), rpropSteps(quadratic(A, b), [0, 0, 0, 0, 0], params, 20).x)).toBeLessThan(1e-5);
    expect(maxError([xs.at(-1)!], [wStar])).toBeLessThan(1e-3);
  });

  it('rejects inconsistent settings', () => {
    expect(() => new RpropOptimizer({ etaPlus: 0.9 })).toThrow(/etaPlus/);
    expect(() => new RpropOptimizer({ etaMinus: 1 })).toThrow(/etaMinus/);
    expect(() => new RpropOptimizer({ initialStep: 100 })).toThrow(/maxStep/);
  });
});
