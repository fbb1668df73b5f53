import type { z } from 'zod';
import {
  LAYER_TYPES,
  activationLayerSchema,
  batchNormSchema,
  conv2dSchema,
  denseSchema,
  dropoutSchema,
  flattenSchema,
  poolSchema,
  type Activation,
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
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && (LAYER_TYPES as readonly string[]).includes(value);
}

export function allowedFields(type: LayerType): string[] {
  return Object.keys(SCHEMA_BY_TYPE[type].shape);
}

/** null when the value is not an object or its type is not one of LAYER_TYPES. */
export function readLayerLeniently(raw: unknown): LooseLayer | null {
  if (!isPlainObject(raw) || !isLayerType(raw.type)) return null;
  const layer: Record<string, unknown> = { type: raw.type };
  for (const [key, fieldSchema] of Object.entries(SCHEMA_BY_TYPE[raw.type].shape)) {
    if (key === 'type') continue;
    const result = (fieldSchema as z.ZodType).safeParse(raw[key]);
    if (result.success && result.data !== undefined) layer[key] = result.data;
  }
  return layer as unknown as LooseLayer;
}
