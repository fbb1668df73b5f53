import type { z } from 'zod';
import {
  LAYER_TYPES,
  activationLayerSchema,
  batchNormSchema,
  globalAvgPoolSchema,
  inceptionSchema,
  lrnSchema,
  MAIN_PATH_TYPES,
  residualSchema,
  conv2dSchema,
  denseSchema,
  dropoutSchema,
  flattenSchema,
  poolSchema,
  BLOCK_TYPES,
  type Activation,
  type BlockType,
  type InceptionField,
  type LayerType,
} from './layers.ts';

// Reading a layer field by field, so one bad field does not hide what the rest of the layer says:
// shape inference can go on through a layer whose activation is misspelt.

const SCHEMA_BY_TYPE = {
  conv2d: conv2dSchema,
  maxPool: poolSchema,
  avgPool: poolSchema,
  dense: denseSchema,
  dropout: dropoutSchema,
  batchNorm: batchNormSchema,
  flatten: flattenSchema,
  activation: activationLayerSchema,
  globalAvgPool: globalAvgPoolSchema,
  lrn: lrnSchema,
} satisfies Record<LayerType, z.ZodObject>;

/** A layer whose type is known; a field is absent when it is missing or invalid (defaults applied). */
export interface LooseLayer {
  type: LayerType;
  filters?: number;
  kernelSize?: number;
  strides?: number;
  padding?: 'valid' | 'same';
  activation?: Activation;
  poolSize?: number;
  units?: number;
  rate?: number;
  depthRadius?: number;
  bias?: number;
  alpha?: number;
  beta?: number;
}

/** A residual block read field by field; a main-path entry is null where it is not a layer it may hold. */
export interface LooseResidual {
  type: 'residual';
  layers: (LooseLayer | null)[];
  shortcut?: 'identity' | 'projection' | 'zeroPad';
  activation?: Activation;
}

export type LooseInception = { type: 'inception'; activation?: Activation } & Partial<Record<InceptionField, number>>;

export type LooseItem = LooseLayer | LooseResidual | LooseInception;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && (LAYER_TYPES as readonly string[]).includes(value);
}

export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && (BLOCK_TYPES as readonly string[]).includes(value);
}

const BLOCK_SCHEMAS = { residual: residualSchema, inception: inceptionSchema } satisfies Record<BlockType, z.ZodObject>;

export function allowedFields(type: LayerType | BlockType): string[] {
  return Object.keys(isBlockType(type) ? BLOCK_SCHEMAS[type].shape : SCHEMA_BY_TYPE[type].shape);
}

/** The fields of `raw` that `shape` accepts, defaults applied; the rest left out. */
function readFields(raw: Record<string, unknown>, shape: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: raw.type };
  for (const [key, fieldSchema] of Object.entries(shape)) {
    if (key === 'type' || key === 'layers') continue;
    const result = (fieldSchema as z.ZodType).safeParse(raw[key]);
    if (result.success && result.data !== undefined) out[key] = result.data;
  }
  return out;
}

/** null when the value is neither a layer nor a block. */
export function readItemLeniently(raw: unknown): LooseItem | null {
  if (!isPlainObject(raw)) return null;
  if (raw.type === 'residual') {
    const block = readFields(raw, residualSchema.shape) as unknown as LooseResidual;
    const inner: unknown[] = Array.isArray(raw.layers) ? raw.layers : [];
    block.layers = inner.map((l) => (isPlainObject(l) && (MAIN_PATH_TYPES as readonly unknown[]).includes(l.type) ? readLayerLeniently(l) : null));
    return block;
  }
  if (raw.type === 'inception') return readFields(raw, inceptionSchema.shape) as unknown as LooseInception;
  return readLayerLeniently(raw);
}

/** null when the value is not an object or its type is not one of LAYER_TYPES. */
export function readLayerLeniently(raw: unknown): LooseLayer | null {
  if (!isPlainObject(raw) || !isLayerType(raw.type)) return null;
  return readFields(raw, SCHEMA_BY_TYPE[raw.type].shape) as unknown as LooseLayer;
}
