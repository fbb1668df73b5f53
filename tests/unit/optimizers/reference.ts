import type { Problem } from './problems';

// The update rules written out in plain double-precision JavaScript, straight from the formulas,
// sharing no code with src/engine/optimizers: the expected numbers of the tests.

const add = (a: number[], b: number[], s = 1) => a.map((ai, i) => ai + s * b[i]);
const dot = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * b[i], 0);

export function manhattanSteps(p: Problem, x0: number[], lr: number, steps: number): number[][] {
  let x = [...x0];
  return Array.from({ length: steps }, () => {
    const g = p.gradient(x);
    x = x.map((xi, i) => xi - lr * Math.sign(g[i]));
    return x;
  });
}

export function nesterovSteps(p: Problem, x0: number[], lr: number, mu: number, steps: number): number[][] {
  let x = [...x0];
  let v = x.map(() => 0);
  return Array.from({ length: steps }, () => {
    const g = p.gradient(x);
    v = v.map((vi, i) => mu * vi - lr * g[i]);
    x = x.map((xi, i) => xi + mu * v[i] - lr * g[i]);
    return x;
  });
}

export function adamaxSteps(p: Problem, x0: number[], lr: number, b1: number, b2: number, eps: number, steps: number): number[][] {
  let x = [...x0];
  let m = x.map(() => 0);
  let u = x.map(() => 0);
  return Array.from({ length: steps }, (_, k) => {
    const t = k + 1;
    const g = p.gradient(x);
    m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
    u = u.map((ui, i) => Math.max(b2 * ui, Math.abs(g[i])));
    x = x.map((xi, i) => xi - (lr / (1 - b1 ** t)) * (m[i] / (u[i] + eps)));
    return x;
  });
}

export interface RpropParams {
  initialStep: number;
  etaPlus: number;
  etaMinus: number;
  minStep: number;
  maxStep: number;
}

/** iRprop− (Igel & Hüsken 2000, Fig. 2 without weight-backtracking). */
export function rpropSteps(p: Problem, x0: number[], c: RpropParams, steps: number): { x: number[][]; signChanges: number } {
  let x = [...x0];
  const delta = x.map(() => c.initialStep);
  const prev = x.map(() => 0);
  let signChanges = 0;
  const xs = Array.from({ length: steps }, () => {
    const g = p.gradient(x);
    x = x.map((xi, i) => {
      const agreement = prev[i] * g[i];
      if (agreement > 0) {
        delta[i] = Math.min(delta[i] * c.etaPlus, c.maxStep);
      } else if (agreement < 0) {
        delta[i] = Math.max(delta[i] * c.etaMinus, c.minStep);
        prev[i] = 0;
        signChanges++;
        return xi;
      }
      prev[i] = g[i];
      return xi - Math.sign(g[i]) * delta[i];
    });
    return x;
  });
  return { x: xs, signChanges };
}

export interface ScgRecord {
  x: number[];
  alpha: number;
  comparison: number;
  success: boolean;
  lambda: number;
  /** Whether step 4 (negative curvature) fired. */
  madePositive: boolean;
}

/** Møller (1993), steps 1–9, with the gradient-difference estimate of s and restarts every N steps. */
export function scgSteps(p: Problem, x0: number[], sigma: number, lambda1: number, steps: number): ScgRecord[] {
  const N = x0.length;
  let w = [...x0];
  let lambda = lambda1;
  let lambdaBar = 0;
  let r = p.gradient(w).map((g) => -g);
  let dir = [...r];
  let success = true;
  let delta = 0;
  const out: ScgRecord[] = [];
  for (let k = 1; k <= steps; k++) {
    const p2 = dot(dir, dir);
    if (success) {
      const sigmaK = sigma / Math.sqrt(p2);
      const gs = p.gradient(add(w, dir, sigmaK));
      const g = p.gradient(w);
      const s = gs.map((gi, i) => (gi - g[i]) / sigmaK);
      delta = dot(dir, s);
    }
    delta += (lambda - lambdaBar) * p2;
    let madePositive = false;
    if (delta <= 0) {
      madePositive = true;
      lambdaBar = 2 * (lambda - delta / p2);
      delta = -delta + lambda * p2;
      lambda = lambdaBar;
    }
    const mu = dot(dir, r);
    const alpha = mu / delta;
    const comparison = (2 * delta * (p.value(w) - p.value(add(w, dir, alpha)))) / (mu * mu);
    if (comparison >= 0) {
      w = add(w, dir, alpha);
      const rNew = p.gradient(w).map((g) => -g);
      lambdaBar = 0;
      success = true;
      if (k % N === 0) {
        dir = [...rNew];
      } else {
        const beta = (dot(rNew, rNew) - dot(rNew, r)) / mu;
        dir = add(rNew, dir, beta);
      }
      r = rNew;
      if (comparison >= 0.75) lambda /= 4;
    } else {
      lambdaBar = lambda;
      success = false;
    }
    if (comparison < 0.25) lambda += (delta * (1 - comparison)) / p2;
    out.push({ x: [...w], alpha, comparison, success, lambda, madePositive });
  }
  return out;
}

export function adadeltaSteps(p: Problem, x0: number[], lr: number, rho: number, eps: number, steps: number): number[][] {
  let x = [...x0];
  let eg = x.map(() => 0);
  let ex = x.map(() => 0);
  return Array.from({ length: steps }, () => {
    const g = p.gradient(x);
    eg = eg.map((e, i) => rho * e + (1 - rho) * g[i] ** 2);
    const delta = g.map((gi, i) => (Math.sqrt(ex[i] + eps) / Math.sqrt(eg[i] + eps)) * gi);
    ex = ex.map((e, i) => rho * e + (1 - rho) * delta[i] ** 2);
    x = x.map((xi, i) => xi - lr * delta[i]);
    return x;
  });
}
