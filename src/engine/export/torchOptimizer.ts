import type { OptimizerSpec } from '../train/optimizerSpec';
import { pyFloat } from './python';

// The app's optimizers in PyTorch. torch.optim has most of them, some with ε in another place; the
// comments say where the update differs from the app's. Manhattan is a few lines of its own here,
// SCG the shared ScaledConjugateGradient (scg.ts) behind a small adapter.

export interface TorchOptimizer {
  /** The expression that makes the optimizer from `params`. */
  make: string;
  /** What differs from the app, or why this choice; one line each. */
  notes: string[];
  /** Classes the expression needs, defined in the script. */
  classes: string[];
  /** SCG steps with a closure that evaluates the batch's loss; the others take a gradient. */
  closure: boolean;
}

export const MANHATTAN_TORCH_CODE = `class Manhattan(torch.optim.Optimizer):
    """The Manhattan rule (the app's own): w ← w − η·sign(∂E/∂w), the same step for every weight."""

    def __init__(self, params, lr):
        super().__init__(params, {"lr": lr})

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad.sign(), alpha=-group["lr"])`;

export const SCG_TORCH_CODE = `class TorchScg:
    """Adapts ScaledConjugateGradient to torch: step(objective) with objective() the batch's loss."""

    def __init__(self, params, sigma, lam):
        self.params = [p for p in params if p.requires_grad]
        dot = lambda a, b: sum(float(torch.sum(x * y)) for x, y in zip(a, b))
        self.core = ScaledConjugateGradient(sigma, lam, sum(p.numel() for p in self.params), dot)

    def step(self, objective):
        def loss_and_grads():
            loss = objective()
            grads = torch.autograd.grad(loss, self.params, allow_unused=True)
            return float(loss), [torch.zeros_like(p) if g is None else g.detach() for p, g in zip(self.params, grads)]

        def loss_only():
            with torch.no_grad():
                return float(objective())

        def get_weights():
            return [p.detach().clone() for p in self.params]

        def set_weights(values):
            with torch.no_grad():
                for p, v in zip(self.params, values):
                    p.copy_(v)

        return self.core.step(loss_and_grads, loss_only, get_weights, set_weights)`;

export function torchOptimizer(o: OptimizerSpec): TorchOptimizer {
  const plain = (make: string, notes: string[] = []): TorchOptimizer => ({ make, notes, classes: [], closure: false });
  switch (o.type) {
    case 'sgd':
      return plain(`torch.optim.SGD(params, lr=LEARNING_RATE)`);
    case 'momentum':
      // tfjs: v ← μv + g, w ← w − ηv: PyTorch's form exactly.
      return plain(`torch.optim.SGD(params, lr=LEARNING_RATE, momentum=${pyFloat(o.momentum)})`);
    case 'adam':
      return plain(`torch.optim.Adam(params, lr=LEARNING_RATE, betas=(${pyFloat(o.beta1)}, ${pyFloat(o.beta2)}), eps=${pyFloat(o.epsilon)})`, [
        'PyTorch adds ε to the bias-corrected √v̂, the app (tfjs, as Keras) to √v before the correction: the same apart from the first steps.',
      ]);
    case 'rmsprop':
      return plain(
        `torch.optim.RMSprop(params, lr=LEARNING_RATE, alpha=${pyFloat(o.decay)}, eps=${pyFloat(o.epsilon)}, momentum=${pyFloat(o.momentum)})`,
        ['PyTorch divides by √(E[g²]) + ε, the app by √(E[g²] + ε).'],
      );
    case 'adagrad':
      return plain(`torch.optim.Adagrad(params, lr=LEARNING_RATE, initial_accumulator_value=${pyFloat(o.initialAccumulatorValue)}, eps=1e-7)`, [
        "PyTorch divides by √(Σg²) + ε, the app by √(Σg² + ε) with tfjs's ε = 1e-7.",
      ]);
    case 'adadelta':
      // Zeiler's rule times η, as the app's own Adadelta (tfjs's is off by one step).
      return plain(`torch.optim.Adadelta(params, lr=LEARNING_RATE, rho=${pyFloat(o.rho)}, eps=${pyFloat(o.epsilon)})`);
    case 'nesterov':
      // buf ← μ·buf + g, w ← w − η(g + μ·buf) is the app's v ← μv − ηg, w ← w + μv − ηg with v = −η·buf.
      return plain(`torch.optim.SGD(params, lr=LEARNING_RATE, momentum=${pyFloat(o.momentum)}, nesterov=True)`);
    case 'adamax':
      return plain(`torch.optim.Adamax(params, lr=LEARNING_RATE, betas=(${pyFloat(o.beta1)}, ${pyFloat(o.beta2)}), eps=${pyFloat(o.epsilon)})`, [
        'PyTorch takes u ← max(β₂u, |g| + ε) and divides by u, the app u ← max(β₂u, |g|) and divides by u + ε.',
      ]);
    case 'rprop':
      // PyTorch's Rprop is iRprop−: on a sign change the step shrinks, the gradient is zeroed and the weight waits.
      return plain(
        `torch.optim.Rprop(params, lr=${pyFloat(o.initialStep)}, etas=(${pyFloat(o.etaMinus)}, ${pyFloat(o.etaPlus)}), step_sizes=(${pyFloat(o.minStep)}, ${pyFloat(o.maxStep)}))`,
        ["torch.optim.Rprop is iRprop−, the app's variant; its lr is the initial step Δ₀."],
      );
    case 'manhattan':
      return { make: 'Manhattan(params, lr=LEARNING_RATE)', notes: [], classes: [MANHATTAN_TORCH_CODE], closure: false };
    case 'scg':
      return { make: `TorchScg(params, sigma=${pyFloat(o.sigma)}, lam=${pyFloat(o.lambda)})`, notes: [], classes: [SCG_TORCH_CODE], closure: true };
  }
}
