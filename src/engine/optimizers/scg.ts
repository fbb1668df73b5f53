import * as tf from '@tensorflow/tfjs';
import { disposeSlots, newSlot, slotsFromWeights, slotWeights, variableNamed, type NamedGradient, type Slot } from './state';

export interface ScgConfig {
  /** σ: the length of the finite-difference step that measures the curvature along p (σₖ = σ/|pₖ|). */
  sigma: number;
  /** λ₁: the first value of the scale parameter that regularises the curvature (Levenberg–Marquardt style). */
  lambda: number;
}

// Møller's values. He chose σ for double precision; in float32 the rounding error of the curvature estimate
// grows as 1/σ (about 1e-4 relative at σ = 1e-3 on a small logistic regression), but on LeNet-5 / MNIST
// σ = 5e-5, 1e-3 and 1e-2 trained alike (90–91 % after 18 steps of 500 images), so the paper's value stays.
export const SCG_DEFAULTS: ScgConfig = { sigma: 5e-5, lambda: 5e-7 };

/** What the last `minimize` call did: Møller's quantities for that iteration, for tests and display. */
export interface ScgStep {
  /** Møller's iteration counter k of this step (1, 2, …). */
  k: number;
  /** Whether the search direction was reset to the steepest descent direction r. */
  restarted: boolean;
  /** Whether the curvature δ was measured afresh (it is reused after an unsuccessful step). */
  measuredCurvature: boolean;
  /** δₖ after scaling (and after being made positive): the curvature along p, times |p|². */
  delta: number;
  /** μₖ = pₖᵀrₖ. */
  mu: number;
  /** The step size αₖ = μₖ/δₖ along p. */
  alpha: number;
  /** The comparison parameter Δₖ = 2δₖ(E(w) − E(w + αp))/μₖ²: how well the quadratic model predicted the decrease. */
  comparison: number;
  /** Whether the step was taken (Δₖ ≥ 0). */
  success: boolean;
  /** λ after this step's updates (the λₖ₊₁ of the next step). */
  lambda: number;
  /** How many times the loss function was evaluated in this step. */
  evaluations: number;
}

const STATE_NAME = 'scg/state';
/** Numerical safety net (not in the paper): λ never reaches 0, where δ = 0 would give an infinite step, nor ∞. */
const LAMBDA_MIN = 1e-15;
const LAMBDA_MAX = 1e50;

function dot(a: tf.Tensor[], b: tf.Tensor[]): tf.Scalar {
  return tf.addN(a.map((ai, i) => tf.sum(tf.mul(ai, b[i])))) as tf.Scalar;
}

function read(...scalars: tf.Scalar[]): number[] {
  return Array.from(tf.stack(scalars).dataSync());
}

/**
 * Scaled conjugate gradient (Møller 1993, "A scaled conjugate gradient algorithm for fast supervised
 * learning", Neural Networks 6:525–533). A conjugate-gradient method with no line search: the step
 * size along the search direction p comes from the curvature pᵀHp, measured by a finite difference of
 * two gradients, and a Levenberg–Marquardt scale λ keeps that curvature positive and is adapted with a
 * trust-region test (the comparison parameter Δ).
 *
 * One `minimize(f)` call is one iteration k of the algorithm, with every evaluation on the same f —
 * the same batch, so this is a full-batch or large-batch method:
 *
 *  1. E(wₖ), rₖ = −E′(wₖ). Direction: after a successful step pₖ = rₖ + βpₖ₋₁ with
 *     β = (|rₖ|² − rₖᵀrₖ₋₁)/μₖ₋₁, or pₖ = rₖ at a restart (every N steps, N = number of weights, or when
 *     p is no longer a descent direction); after an unsuccessful step p stays.
 *  2. If the last step was successful: σₖ = σ/|pₖ|, sₖ = (E′(wₖ + σₖpₖ) − E′(wₖ))/σₖ, δₖ = pₖᵀsₖ.
 *  3. Scale: δₖ ← δₖ + (λₖ − λ̄ₖ)|pₖ|².
 *  4. If δₖ ≤ 0 (H not positive definite along p): λ̄ₖ = 2(λₖ − δₖ/|pₖ|²), δₖ ← −δₖ + λₖ|pₖ|², λₖ = λ̄ₖ.
 *  5. μₖ = pₖᵀrₖ, αₖ = μₖ/δₖ.
 *  6. Δₖ = 2δₖ(E(wₖ) − E(wₖ + αₖpₖ))/μₖ².
 *  7. If Δₖ ≥ 0 the step succeeds: wₖ₊₁ = wₖ + αₖpₖ, λ̄ₖ = 0, and if Δₖ ≥ 0.75, λₖ ← λₖ/4.
 *     Otherwise: wₖ₊₁ = wₖ, λ̄ₖ = λₖ, and the step fails.
 *  8. If Δₖ < 0.25: λₖ ← λₖ + δₖ(1 − Δₖ)/|pₖ|².
 *
 * Møller computes the next direction at the end of step 7 from E′(wₖ₊₁); here that gradient is the one
 * step 1 of the next call computes anyway (on the next call's batch), which saves one gradient per
 * step: a step costs two gradient evaluations and one loss evaluation (a failed step one and one).
 * With the same data at every call this is exactly Møller's algorithm.
 *
 * `applyGradients` cannot do any of this (it sees one gradient, not the loss function) and throws.
 */
export class ScgOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnPlayground.SCG';
  }

  readonly config: ScgConfig;
  /** pₖ, the search direction of the last step, one tensor per weight variable. */
  private p: Slot[] = [];
  /** rₖ = −E′(wₖ), the steepest descent direction at the start of the last step. */
  private r: Slot[] = [];
  private lambda: number;
  private lambdaBar = 0;
  /** δ of the last step, after steps 3–4: reused after an unsuccessful step. */
  private delta = 0;
  /** μ of the last step, for β. */
  private mu = 0;
  /** Whether the last step succeeded; true before the first. */
  private success = true;
  /** Møller's k: the number of iterations done. */
  private k = 0;
  /** What the last step did; null before the first. */
  lastStep: ScgStep | null = null;
  /**
   * Called with the gradients at the current weights, before the iteration moves them: SCG evaluates the
   * gradient several times per step, and only this first one is the step's gradient (the trainer's
   * per-layer gradient norms and histograms read it).
   */
  observeGradients: ((grads: tf.NamedTensorMap) => void) | null = null;

  constructor(config: Partial<ScgConfig> = {}) {
    super();
    const c = { ...SCG_DEFAULTS, ...config };
    if (!(c.sigma > 0)) throw new Error(`SCG: sigma must be greater than 0, got ${c.sigma}`);
    if (!(c.lambda > 0)) throw new Error(`SCG: lambda must be greater than 0, got ${c.lambda}`);
    this.config = c;
    this.lambda = c.lambda;
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  applyGradients(_variableGradients: Parameters<tf.Optimizer['applyGradients']>[0]): void {
    throw new Error(
      'SCG (scaled conjugate gradient) cannot work from gradients alone: each step evaluates the loss ' +
        'function several times (the gradient at w + σ·p to measure the curvature, the loss at w + α·p to ' +
        'check the step). Call optimizer.minimize(f) with the loss function instead of applyGradients.',
    );
  }

  override minimize(f: () => tf.Scalar, returnCost = false, varList?: tf.Variable[]): tf.Scalar | null {
    const { value, grads } = tf.variableGrads(f, varList);
    try {
      this.observeGradients?.(grads);
      const names = Object.keys(grads).filter((name) => grads[name] != null);
      this.iterate(
        f,
        names.map((name) => variableNamed(name)),
        names.map((name) => grads[name]),
        value,
      );
    } finally {
      tf.dispose(grads);
    }
    this.incrementIterations();
    if (returnCost) return value;
    value.dispose();
    return null;
  }

  private iterate(f: () => tf.Scalar, vars: tf.Variable[], g0: tf.Tensor[], value: tf.Scalar): void {
    const fresh =
      this.p.length !== vars.length || this.p.some((s, i) => !tf.util.arraysEqual(s.variable.shape, vars[i].shape));
    if (fresh) this.resetState(vars);
    const n = vars.reduce((sum, v) => sum + v.size, 0); // N: restart every N steps
    let evaluations = 1;

    tf.tidy(() => {
      const r = g0.map((g) => tf.neg(g));
      const w0 = vars.map((v) => v.clone()); // wₖ, to come back to
      const moveTo = (scale: number, p: tf.Tensor[]) => vars.forEach((v, i) => v.assign(tf.add(w0[i], tf.mul(p[i], scale))));
      const restore = () => vars.forEach((v, i) => v.assign(w0[i]));

      // Step 1: the search direction.
      let p: tf.Tensor[];
      let restarted = false;
      if (fresh || (this.success && this.k % n === 0)) {
        p = r;
        restarted = true;
      } else if (this.success) {
        const rPrev = this.r.map((s) => s.variable);
        const [rr, rrPrev] = read(dot(r, r), dot(r, rPrev));
        const beta = (rr - rrPrev) / this.mu;
        p = r.map((ri, i) => tf.add(ri, tf.mul(this.p[i].variable, beta)));
      } else {
        p = this.p.map((s) => s.variable.clone());
      }
      let [p2, mu] = read(dot(p, p), dot(p, r));
      if (!restarted && !(mu > 0)) {
        // Not a descent direction (possible when the batch changes between steps): start again from r.
        p = r;
        restarted = true;
        [p2, mu] = read(dot(r, r), dot(r, r));
      }
      if (!(mu > 0) || !(p2 > 0)) {
        // r = 0: a stationary point of this batch; nothing to do.
        this.store(p, r, mu, this.delta);
        this.lastStep = { k: this.k, restarted, measuredCurvature: false, delta: this.delta, mu, alpha: 0, comparison: 0, success: false, lambda: this.lambda, evaluations };
        return;
      }

      // Step 2: curvature along p, from a finite difference of gradients.
      const measuredCurvature = this.success || restarted;
      let delta: number;
      if (measuredCurvature) {
        this.lambdaBar = 0; // a fresh δ holds none of λ yet
        const sigmaK = this.config.sigma / Math.sqrt(p2);
        moveTo(sigmaK, p);
        let gs: tf.Tensor[];
        try {
          const { grads } = tf.variableGrads(f, vars);
          gs = vars.map((v, i) => grads[v.name] ?? tf.zerosLike(g0[i]));
        } finally {
          restore();
        }
        evaluations++;
        const s = gs.map((gi, i) => tf.div(tf.sub(gi, g0[i]), sigmaK));
        [delta] = read(dot(p, s));
      } else {
        delta = this.delta;
      }

      // Step 3: scale.
      delta += (this.lambda - this.lambdaBar) * p2;
      // Step 4: make the Hessian positive definite along p.
      if (delta <= 0) {
        this.lambdaBar = 2 * (this.lambda - delta / p2);
        delta = -delta + this.lambda * p2;
        this.lambda = this.lambdaBar;
      }

      // Step 5: step size.
      const alpha = mu / delta;

      // Step 6: comparison parameter.
      moveTo(alpha, p);
      const [e0] = read(value);
      const [e1] = read(tf.tidy(() => f()));
      evaluations++;
      let comparison = (2 * delta * (e0 - e1)) / (mu * mu);
      if (!Number.isFinite(comparison)) comparison = -1; // a non-finite loss at the trial point: a failure

      // Step 7: accept or reject.
      const success = comparison >= 0;
      if (success) {
        this.lambdaBar = 0;
        if (comparison >= 0.75) this.lambda /= 4;
      } else {
        restore();
        this.lambdaBar = this.lambda;
      }
      // Step 8: trust the quadratic model less.
      if (comparison < 0.25) this.lambda += (delta * (1 - comparison)) / p2;
      this.lambda = Math.min(Math.max(this.lambda, LAMBDA_MIN), LAMBDA_MAX);

      this.success = success;
      this.k++;
      this.store(p, r, mu, delta);
      this.lastStep = { k: this.k, restarted, measuredCurvature, delta, mu, alpha, comparison, success, lambda: this.lambda, evaluations };
    });
  }

  private store(p: tf.Tensor[], r: tf.Tensor[], mu: number, delta: number): void {
    this.p.forEach((s, i) => s.variable.assign(p[i]));
    this.r.forEach((s, i) => s.variable.assign(r[i]));
    this.mu = mu;
    this.delta = delta;
  }

  /** Forgets the directions and starts again from the steepest descent direction, with λ = λ₁. */
  private resetState(vars: tf.Variable[]): void {
    this.disposeSlots();
    this.p = vars.map((v) => newSlot(`${v.name}/scg_p`, v));
    this.r = vars.map((v) => newSlot(`${v.name}/scg_r`, v));
    this.lambda = this.config.lambda;
    this.lambdaBar = 0;
    this.delta = 0;
    this.mu = 0;
    this.success = true;
    this.k = 0;
  }

  private disposeSlots(): void {
    disposeSlots(this.p, this.r);
    this.p = [];
    this.r = [];
  }

  override dispose(): void {
    this.disposeSlots();
  }

  /** The iteration count, every p, every r, then λ, λ̄, δ, μ, success (0/1) and k as one tensor. */
  override async getWeights(): Promise<NamedGradient[]> {
    const slots = slotWeights(this.p, this.r);
    const state = tf.tensor1d([this.lambda, this.lambdaBar, this.delta, this.mu, this.success ? 1 : 0, this.k]);
    return [await this.saveIterations(), ...slots, { name: STATE_NAME, tensor: state }];
  }

  override async setWeights(weightValues: NamedGradient[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const state = rest.at(-1);
    if (!state || state.name !== STATE_NAME || (rest.length - 1) % 2 !== 0) {
      throw new Error(`SCG: expected the p and r tensors followed by "${STATE_NAME}"`);
    }
    const [lambda, lambdaBar, delta, mu, success, k] = await state.tensor.data();
    const [p, r] = slotsFromWeights(rest.slice(0, -1), 2, 'SCG: expected as many p as r tensors');
    this.disposeSlots();
    this.p = p;
    this.r = r;
    this.lambda = lambda;
    this.lambdaBar = lambdaBar;
    this.delta = delta;
    this.mu = mu;
    this.success = success === 1;
    this.k = k;
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.config };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ ...config });
  }
}
