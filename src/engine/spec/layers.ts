import { z } from 'zod';

// The JSON shape of a model a user builds or shares. Field names follow tf.layers where one exists,
// so a spec reads like the Keras code a student would write next.

export const ACTIVATIONS = ['linear', 'relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'softmax'] as const;
export const activationSchema = z.enum(ACTIVATIONS);
export type Activation = z.infer<typeof activationSchema>;

const positiveInt = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(1, { error: `${what} must be at least 1` })
    .max(max, { error: `${what} must be at most ${max}` });

export const conv2dSchema = z.strictObject({
  type: z.literal('conv2d'),
  filters: positiveInt('filters', 1024),
  kernelSize: positiveInt('kernel size', 32),
  strides: positiveInt('stride', 16).default(1),
  padding: z.enum(['valid', 'same']).default('valid'),
  activation: activationSchema.default('relu'),
});

export const poolSchema = z.strictObject({
  type: z.enum(['maxPool', 'avgPool']),
  poolSize: positiveInt('pool size', 16).default(2),
  strides: positiveInt('stride', 16).optional(),
});

export const denseSchema = z.strictObject({
  type: z.literal('dense'),
  units: positiveInt('units', 8192),
  activation: activationSchema.default('relu'),
});

export const dropoutSchema = z.strictObject({
  type: z.literal('dropout'),
  rate: z
    .number({ error: 'rate must be a number' })
    .min(0, { error: 'rate must be at least 0' })
    .max(0.95, { error: 'rate must be at most 0.95' }),
});

export const batchNormSchema = z.strictObject({ type: z.literal('batchNorm') });
export const flattenSchema = z.strictObject({ type: z.literal('flatten') });
export const activationLayerSchema = z.strictObject({
  type: z.literal('activation'),
  activation: activationSchema,
});

export const LAYER_TYPES = ['conv2d', 'maxPool', 'avgPool', 'dense', 'dropout', 'batchNorm', 'flatten', 'activation'] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export const layerSchema = z.discriminatedUnion('type', [
  conv2dSchema,
  poolSchema,
  denseSchema,
  dropoutSchema,
  batchNormSchema,
  flattenSchema,
  activationLayerSchema,
]);

export type LayerSpec = z.infer<typeof layerSchema>;
export type Conv2dSpec = z.infer<typeof conv2dSchema>;
export type PoolSpec = z.infer<typeof poolSchema>;
export type DenseSpec = z.infer<typeof denseSchema>;

export const modelSpecSchema = z.strictObject({
  name: z.string().max(100).optional(),
  /** [height, width, channels], taken from the dataset. */
  inputShape: z.tuple([positiveInt('input height', 512), positiveInt('input width', 512), positiveInt('input channels', 16)]),
  layers: z.array(layerSchema).min(1, { error: 'a model needs at least one layer' }).max(64),
});

export type ModelSpec = z.infer<typeof modelSpecSchema>;
