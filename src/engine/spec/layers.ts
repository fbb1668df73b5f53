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

/** Global average pooling: each channel's mean, H×W×C → C, with no weights (GoogLeNet's and ResNet's head). */
export const globalAvgPoolSchema = z.strictObject({ type: z.literal('globalAvgPool') });

const positiveNumber = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .positive({ error: `${what} must be greater than 0` })
    .max(max, { error: `${what} must be at most ${max}` });

/**
 * AlexNet's local response normalisation across channels, as tf.nn.local_response_normalization has it:
 * b = a / (bias + alpha · Σ a²)^beta over the 2·depthRadius + 1 neighbouring channels. The defaults are
 * the paper's (n = 5, k = 2, α = 1e-4, β = 0.75).
 */
export const lrnSchema = z.strictObject({
  type: z.literal('lrn'),
  depthRadius: positiveInt('depth radius', 16).default(2),
  bias: positiveNumber('bias', 100).default(2),
  alpha: positiveNumber('alpha', 1).default(1e-4),
  beta: positiveNumber('beta', 4).default(0.75),
});

export const LAYER_TYPES = ['conv2d', 'maxPool', 'avgPool', 'dense', 'dropout', 'batchNorm', 'flatten', 'activation', 'globalAvgPool', 'lrn'] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

export const layerSchema = z.discriminatedUnion('type', [
  conv2dSchema,
  poolSchema,
  denseSchema,
  dropoutSchema,
  batchNormSchema,
  flattenSchema,
  activationLayerSchema,
  globalAvgPoolSchema,
  lrnSchema,
]);

export type LayerSpec = z.infer<typeof layerSchema>;
export type Conv2dSpec = z.infer<typeof conv2dSchema>;
export type PoolSpec = z.infer<typeof poolSchema>;
export type DenseSpec = z.infer<typeof denseSchema>;
export type LrnSpec = z.infer<typeof lrnSchema>;

// Blocks: items of the layers list that hold more than one path. They are built as parts of a functional
// model; a spec without them is the flat list it always was.

export const MAIN_PATH_TYPES = ['conv2d', 'batchNorm', 'activation'] as const;
export const mainPathLayerSchema = z.discriminatedUnion('type', [conv2dSchema, batchNormSchema, activationLayerSchema]);
export type MainPathLayerSpec = z.infer<typeof mainPathLayerSchema>;

/**
 * How a residual block's input reaches the addition: unchanged; through a 1×1 convolution with the main
 * path's stride (extra weights); or subsampled with that stride and padded with zero channels (none).
 */
export const SHORTCUTS = ['identity', 'projection', 'zeroPad'] as const;
export const MAX_MAIN_PATH = 8;

export const residualSchema = z.strictObject({
  type: z.literal('residual'),
  layers: z
    .array(mainPathLayerSchema)
    .min(1, { error: 'the main path needs at least one layer' })
    .max(MAX_MAIN_PATH, { error: `the main path can have at most ${MAX_MAIN_PATH} layers` }),
  shortcut: z.enum(SHORTCUTS).default('identity'),
  /** Applied after the addition, as in ResNet. */
  activation: activationSchema.default('relu'),
});

/** GoogLeNet's module: four branches side by side, all 'same' and stride 1, concatenated over channels. */
export const INCEPTION_FIELDS = ['conv1x1', 'reduce3x3', 'conv3x3', 'reduce5x5', 'conv5x5', 'poolProj'] as const;
export type InceptionField = (typeof INCEPTION_FIELDS)[number];
export const inceptionSchema = z.strictObject({
  type: z.literal('inception'),
  conv1x1: positiveInt('filters', 1024),
  reduce3x3: positiveInt('reduce filters', 1024),
  conv3x3: positiveInt('filters', 1024),
  reduce5x5: positiveInt('reduce filters', 1024),
  conv5x5: positiveInt('filters', 1024),
  poolProj: positiveInt('filters', 1024),
  /** Of every convolution in the module. */
  activation: activationSchema.default('relu'),
});

export const BLOCK_TYPES = ['residual', 'inception'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export type ResidualSpec = z.infer<typeof residualSchema>;
export type InceptionSpec = z.infer<typeof inceptionSchema>;
export type BlockSpec = ResidualSpec | InceptionSpec;

/** Anything the layers list may hold: a layer or a block. */
export const itemSchema = z.discriminatedUnion('type', [...layerSchema.options, residualSchema, inceptionSchema]);
export type ItemSpec = z.infer<typeof itemSchema>;
export type ItemType = LayerType | BlockType;
export const ITEM_TYPES: readonly ItemType[] = [...LAYER_TYPES, ...BLOCK_TYPES];

export function isBlock(item: { type: string }): item is BlockSpec {
  return (BLOCK_TYPES as readonly string[]).includes(item.type);
}

export const modelSpecSchema = z.strictObject({
  name: z.string().max(100).optional(),
  /** [height, width, channels], taken from the dataset. */
  inputShape: z.tuple([positiveInt('input height', 512), positiveInt('input width', 512), positiveInt('input channels', 16)]),
  layers: z.array(itemSchema).min(1, { error: 'a model needs at least one layer' }).max(64),
});

export type ModelSpec = z.infer<typeof modelSpecSchema>;
