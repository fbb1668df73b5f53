import { describe, expect, it } from 'vitest';
import { ManhattanOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, illConditioned, logistic, maxError, quadratic, solve, trajectory, useCpuBackend, SMALL_BOWL } from './problems';
import { manhattanSteps } from './reference';

useCpuBackend();

const bowl = SMALL_BOWL;

describe('Manhattan update rule', () => {
  it('moves every weight by exactly the learning rate against the sign of its gradient (by hand)', () => {
    // w₀ = (0, 0): ∇f = (−1, 1) → w₁ = (0.1, −0.1); ∇f = (−0.8, 0.9) → w₂ = (0.2, −0.2);
    // ∇f = (−0.6, 0.8) → w₃ = (0.3, −0.3).
    const xs = trajectory(new ManhattanOptimizer(0.1), bowl, [0, 0], 3);
    expect(maxError(xs, [[0.1, -0.1], [0.2, -0.2], [0.3, -0.3]])).toBeLessThan(1e-6);
  });

  it('follows the rule on a tiny logistic regression (two variables)', () => {
    const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
    const x0 = [0.2, -0.1, 0.05, 0.3];
    expect(maxError(trajectory(new ManhattanOptimizer(0.05), problem, x0, 3), manhattanSteps(problem, x0, 0.05, 3))).toBeLessThan(1e-6);
  });

  it('leaves a weight with a zero gradient where it is', () => {
    const flat = quadratic([[1]], [0]);
    expect(trajectory(new ManhattanOptimizer(0.5), flat, [0], 2)).toEqual([[0], [0]]);
  });

  it('gets near the minimum of an ill-conditioned bowl, then cycles at a distance proportional to the learning rate', () => {
    const A = illConditioned([1, 3, 10, 30, 100]);
    const b = [1, -2, 0.5, 3, -1];
    const bowl5 = quadratic(A, b);
    const wStar = solve(A, b);
    const x0 = [0, 0, 0, 0, 0];
    const distance = (x: number[]) => Math.max(...x.map((xi, i) => Math.abs(xi - wStar[i])));
    for (const lr of [0.01, 0.003]) {
      const xs = trajectory(new ManhattanOptimizer(lr), bowl5, x0, 400);
      expect(maxError(xs.slice(0, 5), manhattanSteps(bowl5, x0, lr, 5))).toBeLessThan(1e-6);
      const last = xs.at(-1)!;
      expect(distance(last)).toBeLessThan(15 * lr);
      // The steps never shrink: every weight still moves by ±lr, back and forth.
      expect(maxError([xs.at(-3)!], [last])).toBeLessThan(lr / 10);
      expect(Math.max(...last.map((x, i) => Math.abs(x - xs.at(-2)![i])))).toBeCloseTo(lr, 5);
    }
  });
});
