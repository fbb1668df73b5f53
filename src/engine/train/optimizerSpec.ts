import { z } from 'zod';
import { whenFieldsValid } from './fieldRule';

// Every optimizer a user can pick, with its hyperparameters and the defaults of the original papers/tfjs.

const lr = (d: number) =>
  z
    .number({ error: 'learning rate must be a number' })
    .gt(0, { error: 'learning rate must be greater than 0' })
    .max(10, { error: 'learning rate must be at most 10' })
    .default(d);
const unit = (name: string, d: number) =>
  z
    .number({ error: `${name} must be a number` })
    .min(0, { error: `${name} must be at least 0` })
    .lt(1, { error: `${name} must be less than 1` })
    .default(d);
const eps = (d: number) =>
  z.number({ error: 'epsilon must be a number' }).gt(0, { error: 'epsilon must be greater than 0' }).default(d);
const positive = (name: string, d: number, max = Infinity) =>
  z
    .number({ error: `${name} must be a number` })
    .gt(0, { error: `${name} must be greater than 0` })
    .max(max, { error: `${name} must be at most ${max}` })
    .default(d);

export const optimizerSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sgd'), learningRate: lr(0.1) }),
  z.strictObject({ type: z.literal('momentum'), learningRate: lr(0.05), momentum: unit('momentum', 0.9) }),
  z.strictObject({
    type: z.literal('adam'),
    learningRate: lr(0.001),
    beta1: unit('beta1', 0.9),
    beta2: unit('beta2', 0.999),
    epsilon: eps(1e-7),
  }),
  z.strictObject({
    type: z.literal('rmsprop'),
    learningRate: lr(0.001),
    decay: unit('decay', 0.9),
    momentum: unit('momentum', 0),
    epsilon: eps(1e-7),
  }),
  z.strictObject({
    type: z.literal('adagrad'),
    learningRate: lr(0.05),
    initialAccumulatorValue: z
      .number({ error: 'initial accumulator must be a number' })
      .gt(0, { error: 'initial accumulator must be greater than 0' })
      .default(0.1),
  }),
  z.strictObject({ type: z.literal('adadelta'), learningRate: lr(1), rho: unit('rho', 0.95), epsilon: eps(1e-7) }),
  // The course's optimizers that tfjs lacks (src/engine/optimizers).
  z.strictObject({ type: z.literal('nesterov'), learningRate: lr(0.05), momentum: unit('momentum', 0.9) }),
  z.strictObject({
    type: z.literal('adamax'),
    learningRate: lr(0.002),
    beta1: unit('beta1', 0.9),
    beta2: unit('beta2', 0.999),
    epsilon: eps(1e-7),
  }),
  z
    .strictObject({
      type: z.literal('rprop'),
      initialStep: positive('initial step', 0.01),
      etaPlus: z
        .number({ error: 'η⁺ must be a number' })
        .gt(1, { error: 'η⁺ must be greater than 1' })
        .max(10, { error: 'η⁺ must be at most 10' })
        .default(1.2),
      etaMinus: z
        .number({ error: 'η⁻ must be a number' })
        .gt(0, { error: 'η⁻ must be greater than 0' })
        .lt(1, { error: 'η⁻ must be less than 1' })
        .default(0.5),
      minStep: positive('minimum step', 1e-6),
      maxStep: positive('maximum step', 50),
    })
    .refine((o) => o.minStep <= o.initialStep, {
      error: 'the initial step must be at least the minimum step',
      path: ['initialStep'],
      params: { code: 'initialStepBelowMin' }, // the UI's message code (configProblems.ts)
      when: whenFieldsValid('initialStep', 'minStep'),
    })
    .refine((o) => o.initialStep <= o.maxStep, {
      error: 'the initial step must be at most the maximum step',
      path: ['initialStep'],
      params: { code: 'initialStepAboveMax' },
      when: whenFieldsValid('initialStep', 'maxStep'),
    }),
  // Defaults checked on LeNet-5 / MNIST (3,000 images, constant rate; see tests/unit/optimizers/lenet.test.ts):
  // one epoch of 32-image batches gave 88–91 % test accuracy for Nesterov, Adamax and Manhattan; Rprop with
  // Δ₀ = 0.01 and SCG with Møller's σ and λ reached 90–91 % in three epochs of 500-image batches (Rprop
  // with Δ₀ = 0.001: 88 %, with 0.0003: 84 %).
  z.strictObject({ type: z.literal('manhattan'), learningRate: lr(0.001) }),
  z.strictObject({
    type: z.literal('scg'),
    sigma: positive('σ', 5e-5, 0.1),
    lambda: positive('λ', 5e-7, 1),
  }),
]);

export type OptimizerSpec = z.infer<typeof optimizerSpecSchema>;
export type OptimizerType = OptimizerSpec['type'];
export const OPTIMIZER_TYPES: OptimizerType[] = [
  'sgd',
  'momentum',
  'adam',
  'rmsprop',
  'adagrad',
  'adadelta',
  'nesterov',
  'adamax',
  'rprop',
  'manhattan',
  'scg',
];

/** The spec of `type` with all defaults filled in, for the UI's "switch optimizer". */
export function defaultOptimizer(type: OptimizerType): OptimizerSpec {
  return optimizerSpecSchema.parse({ type });
}


/**
 * Optimizers that assume the same function at every step (sign-based Rprop; SCG, which evaluates the loss
 * several times per step) and want large or full batches. On LeNet-5 / MNIST, 500-image batches learn in a
 * dozen steps (tests/unit/optimizers/lenet.test.ts) where 32-image batches make SCG's steps erratic.
 */
export const LARGE_BATCH_OPTIMIZERS: readonly OptimizerType[] = ['rprop', 'scg'];
export const LARGE_BATCH = 1000;

/** The batch size to suggest for `type` with `trainCount` training images, or null when the default suits it. */
export function suggestedBatchSize(type: OptimizerType, trainCount: number): number | null {
  return LARGE_BATCH_OPTIMIZERS.includes(type) ? Math.max(1, Math.min(LARGE_BATCH, trainCount)) : null;
}
