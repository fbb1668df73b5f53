import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';

// Small test problems, each twice: in plain double-precision JavaScript (for the expected numbers,
// computed from the update formulas independently of the optimizers) and as a tfjs loss on variables.

export interface Problem {
  /** The parameters' shapes, as tfjs variables (flattened in this order for the JS side). */
  shapes: number[][];
  value(x: number[]): number;
  gradient(x: number[]): number[];
  loss(vars: tf.Variable[]): tf.Scalar;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** f(w) = ½ wᵀAw − bᵀw, minimum at A⁻¹b. */
export function quadratic(A: number[][], b: number[]): Problem {
  const n = b.length;
  const Ax = (x: number[]) => A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
  return {
    shapes: [[n]],
    value: (x) => {
      const ax = Ax(x);
      return x.reduce((s, xi, i) => s + 0.5 * xi * ax[i] - b[i] * xi, 0);
    },
    gradient: (x) => Ax(x).map((v, i) => v - b[i]),
    loss: ([w]) =>
      tf.tidy(() => {
        const aw = tf.matMul(tf.tensor2d(A), w.reshape([n, 1])).reshape([n]);
        return tf.sub(tf.mul(0.5, tf.sum(tf.mul(w, aw))), tf.sum(tf.mul(tf.tensor1d(b), w)));
      }) as tf.Scalar,
  };
}

/** Logistic regression with weights w (d) and a bias (a second variable): mean cross-entropy. */
export function logistic(X: number[][], y: number[]): Problem {
  const m = X.length;
  const d = X[0].length;
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  const z = (x: number[]) => X.map((row) => row.reduce((s, xi, j) => s + xi * x[j], x[d]));
  return {
    shapes: [[d], [1]],
    value: (x) => z(x).reduce((s, zi, i) => s + Math.log1p(Math.exp(zi)) - y[i] * zi, 0) / m,
    gradient: (x) => {
      const e = z(x).map((zi, i) => sigmoid(zi) - y[i]);
      const gw = Array.from({ length: d }, (_, j) => e.reduce((s, ei, i) => s + ei * X[i][j], 0) / m);
      return [...gw, e.reduce((s, ei) => s + ei, 0) / m];
    },
    loss: ([w, bias]) =>
      tf.tidy(() => {
        const zt = tf.add(tf.matMul(tf.tensor2d(X), w.reshape([d, 1])).reshape([m]), bias);
        return tf.mean(tf.sub(tf.softplus(zt), tf.mul(tf.tensor1d(y), zt)));
      }) as tf.Scalar,
  };
}

/** A 1-D function given by its value and derivative (for SCG's negative-curvature and failure branches). */
export function scalarFunction(value: (w: number) => number, derivative: (w: number) => number, tfValue: (w: tf.Tensor) => tf.Tensor): Problem {
  return {
    shapes: [[1]],
    value: ([w]) => value(w),
    gradient: ([w]) => [derivative(w)],
    loss: ([w]) => tf.tidy(() => tf.sum(tfValue(w))) as tf.Scalar,
  };
}

/** A tiny separable-ish classification set, fixed. */
export const LOGISTIC_DATA = {
  X: [
    [0.5, 1.0, -0.3],
    [-1.2, 0.4, 0.8],
    [0.9, -0.7, 0.1],
    [-0.3, -1.1, 0.6],
    [1.5, 0.2, -0.9],
    [-0.8, 0.9, 0.3],
  ],
  y: [1, 0, 1, 0, 1, 0],
};

/** A symmetric positive definite matrix with eigenvalues `eigenvalues`, rotated by a fixed orthogonal matrix. */
export function illConditioned(eigenvalues: number[]): number[][] {
  const n = eigenvalues.length;
  // Householder reflection Q = I − 2vvᵀ/vᵀv with a fixed v: orthogonal and far from diagonal.
  const v = Array.from({ length: n }, (_, i) => 1 + i * 0.37 - (i % 3) * 0.61);
  const vv = v.reduce((s, x) => s + x * x, 0);
  const Q = v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
  return Q.map((_, i) => Q.map((__, j) => eigenvalues.reduce((s, l, k) => s + Q[i][k] * l * Q[j][k], 0)));
}

/** Solves Ax = b (Gaussian elimination), for the minimum of a quadratic. */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const p = M.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(M[best][c]) ? r : best), c);
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

/** Variables holding x (split by the problem's shapes). */
export function makeVariables(problem: Problem, x: number[]): tf.Variable[] {
  let offset = 0;
  return problem.shapes.map((shape) => {
    const n = size(shape);
    const v = tf.variable(tf.tensor(x.slice(offset, offset + n), shape));
    offset += n;
    return v;
  });
}

export function readVariables(vars: tf.Variable[]): number[] {
  return vars.flatMap((v) => Array.from(v.dataSync()));
}

/** Runs `steps` minimize calls and returns x after each. */
export function trajectory(optimizer: tf.Optimizer, problem: Problem, x0: number[], steps: number): number[][] {
  const vars = makeVariables(problem, x0);
  try {
    return Array.from({ length: steps }, () => {
      optimizer.minimize(() => problem.loss(vars), false, vars);
      return readVariables(vars);
    });
  } finally {
    tf.dispose(vars);
  }
}

/** Expects two lists of parameter vectors to agree to `tolerance` (relative to max(1, |expected|)). */
export function maxError(actual: number[][], expected: number[][]): number {
  let worst = 0;
  actual.forEach((row, i) =>
    row.forEach((a, j) => {
      const e = expected[i][j];
      worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
    }),
  );
  return worst;
}

/** The optimizer tests run on tfjs's cpu backend: exact float32 arithmetic, the same on every machine. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
}

/** f(w) = ½wᵀAw − bᵀw with A = [[3, 1], [1, 2]], b = [1, −1]: ∇f = Aw − b, minimum at (0.6, −0.8). */
export const SMALL_BOWL = quadratic(
  [
    [3, 1],
    [1, 2],
  ],
  [1, -1],
);

/**
 * Runs `ours` and a tfjs built-in that should take the same steps on a 6-D ill-conditioned bowl for 25
 * steps; the largest difference between the trajectories. Disposes the built-in.
 */
export function differenceFromBuiltIn(ours: tf.Optimizer, builtIn: tf.Optimizer): number {
  const problem = quadratic(illConditioned([1, 2, 5, 20, 50, 100]), [1, -2, 0.5, 3, -1, 2]);
  const x0 = [0.3, -0.2, 0.1, 0, 0.5, -0.4];
  const a = trajectory(ours, problem, x0, 25);
  const b = trajectory(builtIn, problem, x0, 25);
  builtIn.dispose();
  return maxError(a, b);
}
