import { modelSpecSchema, type ModelSpec } from './layers.ts';
import { formatShape, layerIssue, modelIssue, type SpecIssue } from './issues.ts';
import { text } from './messages.ts';
import { inferLayer, result, unknownLayer, type InnerGeometry, type LayerGeometry } from './geometry.ts';
import { inceptionGeometry, residualGeometry } from './blockGeometry.ts';
import { isPlainObject, readItemLeniently, type LooseItem } from './lenient.ts';
import { translateZodIssues } from './zodIssues.ts';

export interface LayerInfo {
  index: number;
  /** The layer's type as written ("unknown" when it has none). */
  type: string;
  /** Without the batch dimension; null when it cannot be worked out. */
  outputShape: number[] | null;
  params: number;
  trainableParams: number;
  /** Multiply-adds of one forward pass for one image. */
  macs: number;
  issues: SpecIssue[];
  /** A block's inner layers with their shapes and costs; absent for a plain layer. */
  inner?: InnerGeometry[];
}

export type { InnerGeometry };

function inferItem(item: LooseItem, input: number[] | null): LayerGeometry {
  if (item.type === 'residual' || item.type === 'inception') {
    if (input === null) return result(null, { next: null, exact: false });
    return item.type === 'residual' ? residualGeometry(item, input) : inceptionGeometry(item, input);
  }
  return inferLayer(item, input);
}

export interface ModelAnalysis {
  ok: boolean;
  /** Parsed with defaults applied; null unless ok. */
  spec: ModelSpec | null;
  layers: LayerInfo[];
  inputShape: number[] | null;
  outputShape: number[] | null;
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  /** Every issue: model-level input problems first, then layer by layer, then the final output check. */
  issues: SpecIssue[];
}

function readInputShape(raw: unknown): number[] | null {
  const result = modelSpecSchema.shape.inputShape.safeParse(raw);
  return result.success ? [...result.data] : null;
}

function layerTypeName(raw: unknown): string {
  return isPlainObject(raw) && typeof raw.type === 'string' ? raw.type : 'unknown';
}

function outputIssue(output: number[], numClasses: number | null, hasDense: boolean): SpecIssue | null {
  if (output.length !== 1) {
    const shape = formatShape(output);
    return modelIssue(numClasses === null ? text('outputNotFlat', { shape }) : text('outputNotFlatClasses', { shape, classes: numClasses }));
  }
  if (numClasses === null || output[0] === numClasses) return null;
  return modelIssue(
    text('outputCount', {
      outputs: text('outputs', { count: output[0] }),
      classes: text('classes', { count: numClasses }),
      fix: text(hasDense ? 'fixLastDense' : 'fixAddDense', { classes: numClasses }),
    }),
  );
}

/**
 * Validates a spec and infers every layer's shape, parameter count and MACs without building a model.
 * Goes on past a broken layer with the last good shape, so one typo does not blank out the whole table.
 * `numClasses` null skips the class-count check (the output must still be flat).
 */
export function analyzeModel(spec: unknown, numClasses: number | null): ModelAnalysis {
  const parsed = modelSpecSchema.safeParse(spec);
  const schemaIssues = parsed.success ? [] : translateZodIssues(parsed.error.issues, spec);
  const raw = isPlainObject(spec) ? spec : {};
  const rawLayers: unknown[] = Array.isArray(raw.layers) ? raw.layers : [];
  const inputShape = readInputShape(raw.inputShape);

  let shape = inputShape;
  let exact = inputShape !== null;
  const layers = rawLayers.map((rawLayer, index): LayerInfo => {
    const layer = readItemLeniently(rawLayer);
    const geometry = layer ? inferItem(layer, shape) : unknownLayer(shape);
    // A dense's output size is its own, so the chain is exact again after one whatever came before.
    const resets = layer?.type === 'dense' && layer.units !== undefined;
    exact = geometry.exact && (exact || resets);
    shape = geometry.next;
    const issues = [
      ...schemaIssues.filter((i) => i.layerIndex === index),
      ...geometry.problems.map((p) => layerIssue(index, layer?.type, p.problem, p.field, p.part)),
    ];
    return {
      ...(geometry.inner ? { inner: geometry.inner } : {}),
      index,
      type: layer?.type ?? layerTypeName(rawLayer),
      outputShape: geometry.output,
      params: geometry.params,
      trainableParams: geometry.trainableParams,
      macs: geometry.macs,
      issues,
    };
  });

  const last = layers[layers.length - 1];
  const outputShape = last?.outputShape ?? null;
  const issues = [...schemaIssues.filter((i) => i.layerIndex === null), ...layers.flatMap((l) => l.issues)];
  if (outputShape !== null && exact) {
    const hasDense = layers.some((l) => l.type === 'dense');
    const issue = outputIssue(outputShape, numClasses, hasDense);
    if (issue) issues.push(issue);
  }

  // A model of pooling, flatten and dropout alone has nothing for the optimizer to change (tfjs cannot even
  // take the gradient). Said only of a model that is otherwise right, where the counts are exact.
  const trainableParams = layers.reduce((sum, l) => sum + l.trainableParams, 0);
  if (issues.length === 0 && trainableParams === 0) issues.push(modelIssue(text('nothingToTrain')));

  const ok = issues.length === 0;
  return {
    ok,
    spec: ok && parsed.success ? parsed.data : null,
    layers,
    inputShape,
    outputShape,
    totalParams: layers.reduce((sum, l) => sum + l.params, 0),
    trainableParams,
    totalMacs: layers.reduce((sum, l) => sum + l.macs, 0),
    issues,
  };
}
