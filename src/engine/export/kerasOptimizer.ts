import type { OptimizerSpec } from '../train/optimizerSpec';
import { pyFloat } from './python';

// The app's optimizers in Keras 3. tfjs follows Keras, so most map one to one; iRprop− and the
// Manhattan rule are small keras.optimizers.Optimizer subclasses here, and SCG, which needs the loss
// function and not just a gradient, trains in a loop of its own (keras.ts).

export interface KerasOptimizer {
  /** The expression that makes the optimizer; null for SCG, which does not go through model.fit. */
  make: string | null;
  notes: string[];
  classes: string[];
}

export const MANHATTAN_KERAS_CODE = `class Manhattan(keras.optimizers.Optimizer):
    """The Manhattan rule (the app's own): w ← w − η·sign(∂E/∂w), the same step for every weight."""

    def __init__(self, learning_rate, name="manhattan", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        self.assign_sub(variable, ops.multiply(lr, ops.sign(gradient)))`;

export const RPROP_KERAS_CODE = `class IRpropMinus(keras.optimizers.Optimizer):
    """iRprop− (Igel & Hüsken 2000), the app's Rprop; Keras has none.

    Every weight has its own step Δ and moves by the sign of its gradient only: Δ grows by η⁺ while
    the sign stays, shrinks by η⁻ when it flips, and after a flip the weight waits one step. The
    learning rate is not used.
    """

    def __init__(self, initial_step, eta_plus, eta_minus, min_step, max_step, name="irprop_minus", **kwargs):
        super().__init__(learning_rate=initial_step, name=name, **kwargs)
        self.initial_step, self.eta_plus, self.eta_minus = initial_step, eta_plus, eta_minus
        self.min_step, self.max_step = min_step, max_step

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        start = keras.initializers.Constant(self.initial_step)
        self.step_sizes = [self.add_variable_from_reference(v, "step", initializer=start) for v in variables]
        self.previous_gradients = [self.add_variable_from_reference(v, "previous_gradient") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        i = self._get_variable_index(variable)
        step, previous = self.step_sizes[i], self.previous_gradients[i]
        agreement = ops.multiply(ops.sign(previous), ops.sign(gradient))
        changed = ops.less(agreement, 0)
        new_step = ops.where(
            ops.greater(agreement, 0),
            ops.minimum(ops.multiply(step, self.eta_plus), self.max_step),
            ops.where(changed, ops.maximum(ops.multiply(step, self.eta_minus), self.min_step), step),
        )
        remembered = ops.where(changed, ops.zeros_like(gradient), gradient)
        self.assign_sub(variable, ops.multiply(ops.sign(remembered), new_step))
        self.assign(step, new_step)
        self.assign(previous, remembered)`;

export function kerasOptimizer(o: OptimizerSpec): KerasOptimizer {
  const plain = (make: string, notes: string[] = []): KerasOptimizer => ({ make, notes, classes: [] });
  switch (o.type) {
    case 'sgd':
      return plain('keras.optimizers.SGD(learning_rate=LEARNING_RATE)');
    case 'momentum':
      return plain(`keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=${pyFloat(o.momentum)})`, [
        "Keras keeps v ← μv − ηg, tfjs v ← μv + g and steps by −ηv: the same while the rate is constant.",
      ]);
    case 'adam':
      return plain(`keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=${pyFloat(o.beta1)}, beta_2=${pyFloat(o.beta2)}, epsilon=${pyFloat(o.epsilon)})`);
    case 'rmsprop':
      return plain(`keras.optimizers.RMSprop(learning_rate=LEARNING_RATE, rho=${pyFloat(o.decay)}, momentum=${pyFloat(o.momentum)}, epsilon=${pyFloat(o.epsilon)})`);
    case 'adagrad':
      // tfjs's ε is the backend's, 1e-7 in float32: Keras's default too.
      return plain(`keras.optimizers.Adagrad(learning_rate=LEARNING_RATE, initial_accumulator_value=${pyFloat(o.initialAccumulatorValue)}, epsilon=1e-7)`);
    case 'adadelta':
      return plain(`keras.optimizers.Adadelta(learning_rate=LEARNING_RATE, rho=${pyFloat(o.rho)}, epsilon=${pyFloat(o.epsilon)})`);
    case 'nesterov':
      // Keras: v ← μv − ηg, w ← w + μv − ηg, the app's rule exactly.
      return plain(`keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=${pyFloat(o.momentum)}, nesterov=True)`);
    case 'adamax':
      // Keras: u ← max(β₂u, |g|), w ← w − η/(1 − β₁ᵗ)·m/(u + ε), the app's rule exactly.
      return plain(`keras.optimizers.Adamax(learning_rate=LEARNING_RATE, beta_1=${pyFloat(o.beta1)}, beta_2=${pyFloat(o.beta2)}, epsilon=${pyFloat(o.epsilon)})`);
    case 'rprop':
      return {
        make: `IRpropMinus(initial_step=${pyFloat(o.initialStep)}, eta_plus=${pyFloat(o.etaPlus)}, eta_minus=${pyFloat(o.etaMinus)}, min_step=${pyFloat(o.minStep)}, max_step=${pyFloat(o.maxStep)})`,
        notes: [],
        classes: [RPROP_KERAS_CODE],
      };
    case 'manhattan':
      return { make: 'Manhattan(learning_rate=LEARNING_RATE)', notes: [], classes: [MANHATTAN_KERAS_CODE] };
    case 'scg':
      return { make: null, notes: [], classes: [] };
  }
}
