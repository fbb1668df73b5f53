import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ScgOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, makeVariables, maxError, quadratic, readVariables, scalarFunction, solve, trajectory, useCpuBackend, SMALL_BOWL } from './problems';
import { scgSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

// SCG measures curvature by a finite difference of two float32 gradients, so its rounding error is about
// 6e-8·|E′|/(σ·curvature): the tests compare against the double-precision reference with σ = 0.01, where
// that error is ~1e-6 (Møller's σ ≤ 1e-4 assumes double precision; with σ = 1e-3 the first logistic step
// is already 1e-4 off). On a quadratic the difference quotient is exact for any σ, so σ changes nothing else.

/** Runs SCG and records Møller's quantities of every step. */
function run(opt: ScgOptimizer, problem: Parameters<typeof trajectory>[1], x0: number[], steps: number) {
  const vars = makeVariables(problem, x0);
  try {
    return Array.from({ length: steps }, () => {
      opt.minimize(() => problem.loss(vars), false, vars);
      return { x: readVariables(vars), ...opt.lastStep! };
    });
  } finally {
    tf.dispose(vars);
  }
}

describe('scaled conjugate gradient (Møller 1993)', () => {
  it('takes the first step by hand: p = r, α = μ/δ with δ = pᵀAp + λ|p|²', () => {
    // w₀ = 0: r = b − Aw₀ = (1, −1) = p, |p|² = 2, pᵀAp = 3, δ = 3 + 2λ, μ = pᵀr = 2, α = 2/(3 + 2λ).
    // On a quadratic the model is exact, so Δ = 2δ(E(w) − E(w + αp))/μ² = 1 (up to λ): a success, λ ← λ/4.
    const lambda = 5e-7;
    const [first, second] = run(new ScgOptimizer({ sigma: 1e-2, lambda }), bowl, [0, 0], 2);
    const alpha = 2 / (3 + 2 * lambda);
    // λ's share of δ (1e-6) is below what float32 resolves here: δ and α carry a relative error of ~1e-6.
    expect(first.alpha).toBeCloseTo(alpha, 5);
    expect(first.delta).toBeCloseTo(3 + 2 * lambda, 5);
    expect(first.mu).toBeCloseTo(2, 5);
    expect(maxError([first.x], [[alpha, -alpha]])).toBeLessThan(2e-6);
    expect(first.comparison).toBeCloseTo(1, 4);
    expect(first.success).toBe(true);
    expect(first.lambda).toBeCloseTo(lambda / 4, 12);
    expect(first.evaluations).toBe(3);
    // Two conjugate steps minimise a 2-D quadratic.
    expect(maxError([second.x], [[0.6, -0.8]])).toBeLessThan(1e-5);
  });

  it('follows Møller’s steps on a tiny logistic regression', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    const expected = scgSteps(problem, x0, 1e-2, 5e-7, 4);
    const actual = run(new ScgOptimizer({ sigma: 1e-2, lambda: 5e-7 }), problem, x0, 4);
    expect(maxError(actual.map((a) => a.x), expected.map((e) => e.x))).toBeLessThan(1e-4);
    actual.forEach((a, i) => {
      expect(a.success).toBe(expected[i].success);
      expect(a.alpha / expected[i].alpha).toBeCloseTo(1, 3); // α grows to ~30 here: compare relatively
    });
  });

  it('makes a negative curvature positive (step 4): f(w) = w⁴/4 − w²/2 from w = 0.5', () => {
    const problem = scalarFunction((w) => w ** 4 / 4 - w ** 2 / 2, (w) => w ** 3 - w, (w) => tf.sub(tf.div(tf.pow(w, 4), 4), tf.div(tf.square(w), 2)));
    const expected = scgSteps(problem, [0.5], 1e-2, 1e-4, 5);
    expect(expected[0].madePositive).toBe(true);
    const actual = run(new ScgOptimizer({ sigma: 1e-2, lambda: 1e-4 }), problem, [0.5], 5);
    expect(maxError(actual.map((a) => a.x), expected.map((e) => e.x))).toBeLessThan(1e-4);
    expect(actual[0].lambda).toBeCloseTo(expected[0].lambda, 4);
    expect(actual.at(-1)!.x[0]).toBeCloseTo(1, 2); // a minimum of f
  });

  it('rejects a step that does not reduce the error (Δ < 0), raises λ and retries: f(w) = √(1 + w²) from w = 2', () => {
    // The curvature at w = 2 is small, so the quadratic model's step α·p ≈ −10 overshoots to w ≈ −8.
    const problem = scalarFunction((w) => Math.sqrt(1 + w * w), (w) => w / Math.sqrt(1 + w * w), (w) => tf.sqrt(tf.add(1, tf.square(w))));
    // Five steps reach w ≈ 3e-5. A sixth would ask float32 for E(w) − E(w + αp) ≈ w²/2 ≈ 6e-10 on E ≈ 1,
    // below its resolution (1.2e-7): it reads Δ = 0 and raises λ where the double reference lowers it.
    const expected = scgSteps(problem, [2], 1e-2, 1e-6, 5);
    expect(expected[0].success).toBe(false);
    const actual = run(new ScgOptimizer({ sigma: 1e-2, lambda: 1e-6 }), problem, [2], 5);
    expect(actual[0].success).toBe(false);
    expect(actual[0].x[0]).toBe(2); // weights restored
    expect(actual[0].comparison).toBeLessThan(0);
    expect(actual[1].measuredCurvature).toBe(false); // δ reused, only λ added
    expect(actual[1].evaluations).toBe(2);
    actual.forEach((a, i) => {
      expect(a.success).toBe(expected[i].success);
      expect(a.lambda / expected[i].lambda).toBeCloseTo(1, 3);
    });
    expect(maxError(actual.map((a) => a.x), expected.map((e) => e.x))).toBeLessThan(1e-4);
  });

  it('minimises an n-dimensional quadratic in n steps, like conjugate gradients (n = 5, condition number 100)', () => {
    // Finite termination is fragile: on an 8-D bowl with condition number 1000 a relative error of 1e-12 in
    // one step length (λ's own share of δ is 1e-9) leaves the exact double-precision algorithm 7e-2 away after
    // 8 steps. This bowl keeps it with float32 curvature estimates.
    const A = illConditioned([1, 3, 10, 30, 100]);
    const b = [1, -2, 0.5, 3, -1];
    const wStar = solve(A, b);
    const x0 = new Array(5).fill(0);
    const problem = quadratic(A, b);
    const actual = trajectory(new ScgOptimizer({ sigma: 1e-2 }), problem, x0, 5);
    const error = (x: number[]) => Math.sqrt(x.reduce((s, xi, i) => s + (xi - wStar[i]) ** 2, 0)) / Math.sqrt(wStar.reduce((s, w) => s + w * w, 0));
    expect(error(actual[3])).toBeGreaterThan(5e-2); // not there after n − 1 steps
    expect(error(actual[4])).toBeLessThan(1e-3);
    expect(maxError(actual.slice(0, 4), scgSteps(problem, x0, 1e-2, 5e-7, 4).map((e) => e.x))).toBeLessThan(1e-4);
  });

  it('needs the loss function: applyGradients throws, minimize returns E(w) before the step', () => {
    const opt = new ScgOptimizer();
    expect(() => opt.applyGradients({})).toThrow(/minimize\(f\)/);
    const [w] = makeVariables(bowl, [0, 0]);
    const cost = opt.minimize(() => bowl.loss([w]), true, [w])!;
    expect(cost.dataSync()[0]).toBe(0); // E(0) = 0
    cost.dispose();
    expect(opt.iterations).toBe(1);
    opt.dispose();
    w.dispose();
  });
});
