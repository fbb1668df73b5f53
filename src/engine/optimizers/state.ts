import * as tf from '@tensorflow/tfjs';

// What the course optimizers share: reading the gradient list tfjs hands them, and their per-weight
// state ("slots"), saved and restored in the layout of tfjs's own optimizers.

/** One entry of an optimizer's gradient list (tfjs-core's `NamedTensor`, which tfjs does not export). */
export interface NamedGradient {
  name: string;
  tensor: tf.Tensor;
}
export type VariableGradients = tf.NamedTensorMap | NamedGradient[];

/** The gradients as a list, in the order tfjs hands them over (a map keeps the variables' order). */
export function gradientList(gradients: VariableGradients): NamedGradient[] {
  return Array.isArray(gradients) ? gradients : Object.keys(gradients).map((name) => ({ name, tensor: gradients[name] }));
}

/** The engine's variable called `name` (the gradients name the variables they belong to). */
export function variableNamed(name: string): tf.Variable {
  const variable = tf.engine().registeredVariables[name];
  if (!variable) throw new Error(`optimizer: no variable named "${name}"`);
  return variable;
}

/** Per-weight optimizer state, named `<variable>/<slot>` as tfjs names its own. */
export interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** A slot for `weight` filled with `value` (zeros by default). */
export function newSlot(name: string, weight: tf.Tensor, value = 0): Slot {
  return { originalName: name, variable: tf.tidy(() => (value === 0 ? tf.zerosLike(weight) : tf.fill(weight.shape, value)).variable(false)) };
}

export function disposeSlots(...lists: Slot[][]): void {
  tf.dispose(lists.flat().map((s) => s.variable));
}

/** Every slot of every list, list after list: what getWeights returns after the iteration count. */
export function slotWeights(...lists: Slot[][]): NamedGradient[] {
  return lists.flat().map((s) => ({ name: s.originalName, tensor: s.variable }));
}

/**
 * The inverse of slotWeights: `saved` cut into `count` lists of equal length, as new variables. Throws
 * `problem` (with the tensor count) when it does not divide, before creating anything.
 */
export function slotsFromWeights(saved: NamedGradient[], count: number, problem: string): Slot[][] {
  if (saved.length % count !== 0) throw new Error(`${problem}, got ${saved.length} tensors`);
  const slots = saved.map((w) => ({ originalName: w.name, variable: w.tensor.variable(false) }));
  const size = saved.length / count;
  return Array.from({ length: count }, (_, i) => slots.slice(i * size, (i + 1) * size));
}
