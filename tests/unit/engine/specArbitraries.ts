import fc from 'fast-check';
import { ACTIVATIONS } from '../../../src/engine/spec/layers.ts';

// fast-check generators of model specs for the analyzer's property tests. Shapes and widths stay small so
// that a thousand built models train in seconds on the cpu backend; the layer order is random enough that
// many specs are wrong, and each layer's optional fields are sometimes left out, as a student would.

/** Small images of 1 or 3 channels, like the datasets but cheaper. */
export const inputShapeArb = fc.tuple(fc.integer({ min: 8, max: 32 }), fc.integer({ min: 8, max: 32 }), fc.constantFrom(1, 3));

const activationArb = fc.constantFrom(...ACTIVATIONS);
/** Mostly small, sometimes at the schema's limit, so that "too big for its input" is reached too. */
const sizeArb = (small: number, limit: number) => fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: small }) }, fc.integer({ min: 1, max: limit }));

const conv2dArb = fc.record(
  {
    type: fc.constant('conv2d' as const),
    filters: fc.integer({ min: 1, max: 6 }),
    kernelSize: sizeArb(7, 32),
    strides: sizeArb(4, 16),
    padding: fc.constantFrom('valid' as const, 'same' as const),
    activation: activationArb,
  },
  { requiredKeys: ['type', 'filters', 'kernelSize'] },
);

const poolArb = fc.record(
  {
    type: fc.constantFrom('maxPool' as const, 'avgPool' as const),
    poolSize: sizeArb(5, 16),
    strides: sizeArb(4, 16),
  },
  { requiredKeys: ['type'] },
);

const denseArb = fc.record(
  { type: fc.constant('dense' as const), units: fc.integer({ min: 1, max: 12 }), activation: activationArb },
  { requiredKeys: ['type', 'units'] },
);

const dropoutArb = fc.record({ type: fc.constant('dropout' as const), rate: fc.double({ min: 0, max: 0.95, noNaN: true }) });
const batchNormArb = fc.constant({ type: 'batchNorm' as const });
const flattenArb = fc.constant({ type: 'flatten' as const });
const activationLayerArb = fc.record({ type: fc.constant('activation' as const), activation: activationArb });

export const anyLayerArb = fc.oneof(conv2dArb, poolArb, denseArb, dropoutArb, batchNormArb, flattenArb, activationLayerArb);
/** Layers that keep an image an image. */
const imageLayerArb = fc.oneof({ weight: 4, arbitrary: conv2dArb }, { weight: 3, arbitrary: poolArb }, dropoutArb, batchNormArb, activationLayerArb);
/** Layers that belong after a flatten; a second flatten now and then, which tfjs rejects on a flat input. */
const flatLayerArb = fc.oneof({ weight: 4, arbitrary: denseArb }, dropoutArb, batchNormArb, activationLayerArb, flattenArb);

/** Layers in the order a CNN usually has them, so that a good share of specs is valid. */
const plausibleLayersArb = fc
  .tuple(
    fc.array(imageLayerArb, { maxLength: 5 }),
    fc.boolean(),
    fc.array(flatLayerArb, { maxLength: 4 }),
    fc.option(denseArb, { freq: 4 }),
  )
  .map(([image, flatten, flat, last]) => [...image, ...(flatten ? [{ type: 'flatten' as const }] : []), ...flat, ...(last ? [last] : [])])
  .filter((layers) => layers.length > 0);

/** Well-formed specs (every field valid on its own) whose layers may still not fit together. */
export const wellFormedSpecArb = fc.record({
  inputShape: inputShapeArb,
  layers: fc.oneof({ weight: 3, arbitrary: plausibleLayersArb }, fc.array(anyLayerArb, { minLength: 1, maxLength: 8 })),
});

/** Any value at all, including the ones JSON cannot hold. */
const garbageArb = fc.anything({ maxDepth: 3, withBoxedValues: true, withNullPrototype: true, withSparseArray: true, withBigInt: true, withDate: true, withMap: true, withSet: true });

/** A value the UI's number fields or an edited JSON file might put where a number belongs. */
const oddNumberArb = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, 1e20, -1e20, Number.MAX_VALUE, Number.MIN_VALUE, 0.5),
  fc.integer({ min: -5, max: 40 }),
  fc.string({ maxLength: 4 }),
);

/** A well-formed spec with one spot replaced: a field, a layer, the layers or the input shape. */
const mutatedSpecArb = fc
  .tuple(wellFormedSpecArb, fc.nat(), fc.string({ maxLength: 12 }), fc.oneof(garbageArb, oddNumberArb), fc.integer({ min: 0, max: 5 }))
  .map(([spec, at, key, value, where]) => {
    const copy = structuredClone(spec) as { inputShape: unknown[]; layers: unknown[] } & Record<string, unknown>;
    const layer = copy.layers[at % copy.layers.length] as Record<string, unknown>;
    const fields = Object.keys(layer);
    if (where === 0) copy.layers[at % copy.layers.length] = value;
    else if (where === 1) layer[fields[at % fields.length]] = value;
    else if (where === 2) layer[key] = value;
    else if (where === 3) copy.inputShape[at % 3] = value;
    else if (where === 4) copy[key === '' ? 'layers' : key] = value;
    else copy.layers.splice(at % (copy.layers.length + 1), 0, value);
    return copy as unknown;
  });

/** What the analyzer must survive: anything, and well-formed specs with one spot broken. */
export const untrustedSpecArb = fc.oneof(garbageArb, mutatedSpecArb, wellFormedSpecArb);
