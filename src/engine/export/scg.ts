// Scaled conjugate gradient in Python for both scripts: neither Keras nor PyTorch has it. The same
// algorithm as src/engine/optimizers/scg.ts, written against four functions so one text serves both
// frameworks (each adapter supplies its tensors' dot product and how to read and write the weights).

export const SCG_CORE_CODE = `class ScaledConjugateGradient:
    """Møller (1993), "A scaled conjugate gradient algorithm for fast supervised learning", as the app has it.

    One step() is one iteration k on one batch: every evaluation in it uses that batch, so this wants
    large batches. No line search: the step along the direction p comes from the curvature pᵀHp,
    measured by a finite difference of two gradients, and a Levenberg–Marquardt scale λ, adapted by
    how well a quadratic model predicted the decrease, keeps that curvature positive. The weights are
    a list of tensors; the framework supplies dot(a, b) -> float for such lists.
    """

    LAMBDA_MIN, LAMBDA_MAX = 1e-15, 1e50  # the app's safety net: λ never reaches 0 nor ∞

    def __init__(self, sigma, lam, size, dot):
        self.sigma, self.lam, self.size, self.dot = sigma, lam, size, dot
        self.lam_bar = self.delta = self.mu = 0.0
        self.success, self.k = True, 0
        self.p = self.r = None

    def step(self, loss_and_grads, loss_only, get_weights, set_weights):
        """One iteration; returns the loss at the weights before it."""
        dot = self.dot
        e0, g0 = loss_and_grads()
        r = [-g for g in g0]  # steepest descent
        w0 = get_weights()
        # 1. Search direction: conjugate after a successful step, r at a restart (every N steps), the
        #    same p after a failed one.
        restarted = False
        if self.p is None or (self.success and self.k % self.size == 0):
            p, restarted = r, True
        elif self.success:
            beta = (dot(r, r) - dot(r, self.r)) / self.mu
            p = [ri + beta * pi for ri, pi in zip(r, self.p)]
        else:
            p = self.p
        p2, mu = dot(p, p), dot(p, r)
        if not restarted and not mu > 0:  # not a descent direction (the batch changed): start again
            p, restarted = r, True
            p2 = mu = dot(r, r)
        if not (mu > 0 and p2 > 0):  # r = 0: a stationary point of this batch
            self.p, self.r, self.mu = p, r, mu
            return e0
        # 2. Curvature along p from a finite difference of gradients (kept after a failed step).
        if self.success or restarted:
            self.lam_bar = 0.0
            sigma_k = self.sigma / math.sqrt(p2)
            set_weights([w + sigma_k * pi for w, pi in zip(w0, p)])
            _, g1 = loss_and_grads()
            set_weights(w0)
            delta = dot(p, [(a - b) / sigma_k for a, b in zip(g1, g0)])
        else:
            delta = self.delta
        # 3. Scale; 4. make the Hessian positive definite along p.
        delta += (self.lam - self.lam_bar) * p2
        if delta <= 0:
            self.lam_bar = 2 * (self.lam - delta / p2)
            delta = -delta + self.lam * p2
            self.lam = self.lam_bar
        # 5. Step size; 6. how well the quadratic model predicted the decrease.
        alpha = mu / delta
        set_weights([w + alpha * pi for w, pi in zip(w0, p)])
        e1 = loss_only()
        comparison = 2 * delta * (e0 - e1) / (mu * mu)
        if not math.isfinite(comparison):
            comparison = -1.0  # a non-finite loss at the trial point is a failure
        # 7. Keep the step or go back; 8. trust the model less when it predicted badly.
        self.success = comparison >= 0
        if self.success:
            self.lam_bar = 0.0
            if comparison >= 0.75:
                self.lam /= 4
        else:
            set_weights(w0)
            self.lam_bar = self.lam
        if comparison < 0.25:
            self.lam += delta * (1 - comparison) / p2
        self.lam = min(max(self.lam, self.LAMBDA_MIN), self.LAMBDA_MAX)
        self.k += 1
        self.p, self.r, self.mu, self.delta = p, r, mu, delta
        return e0`;
