import { itemSchema, layerSchema, type ItemSpec } from '../engine/spec/layers';
import { isPlainObject, readLayerLeniently } from '../engine/spec/lenient';
import { NEW_LAYER } from '../engine/spec/newLayer';
import { translateZodIssues } from '../engine/spec/zodIssues';
import type { Read } from './readers';
import { quote, type ExperimentProblem } from './problems';

// The model's layers (and blocks), read one item at a time: a layer with a damaged field keeps its other fields and
// takes a new layer's value for that one; a layer that is not a layer at all is left out. Every problem is
// said in the model builder's own words ("layer 3 conv2d: filters must be at least 1").

/** The most layers a model spec may have: modelSpecSchema's .max(64) (a unit test checks they agree). */
export const MAX_LAYERS = 64;

export function readLayers(raw: unknown, fallback: ItemSpec[]): Read<ItemSpec[]> {
  if (!Array.isArray(raw)) {
    return { value: fallback, problems: [{ code: 'wrongKind', setting: 'model', path: 'model.layers', kind: 'list', value: quote(raw), used: `${fallback.length}` }] };
  }
  const problems: ExperimentProblem[] = [];
  let list = raw;
  if (list.length > MAX_LAYERS) {
    problems.push({ code: 'tooManyLayers', max: MAX_LAYERS, found: list.length });
    list = list.slice(0, MAX_LAYERS);
  }
  const layers: ItemSpec[] = [];
  list.forEach((layer, index) => {
    // A layer or a block (residual, inception); a damaged block is left out whole, with its problem said.
    const parsed = itemSchema.safeParse(layer);
    if (parsed.success) {
      layers.push(parsed.data);
      return;
    }
    // Worded by the builder's translator, which numbers the layer as the table does (from 1).
    const issues = translateZodIssues(
      parsed.error.issues.map((i) => ({ ...i, path: ['layers', index, ...i.path] })),
      { layers: list },
    );
    const lenient = readLayerLeniently(layer);
    if (!lenient) {
      problems.push({ code: 'layerDropped', issue: issues[0].text });
      return;
    }
    // The fields that read well, over a fresh layer of the same type for the rest.
    const repaired = layerSchema.safeParse({ ...NEW_LAYER[lenient.type], ...lenient });
    if (!repaired.success) {
      problems.push({ code: 'layerDropped', issue: issues[0].text });
      return;
    }
    layers.push(repaired.data);
    for (const issue of issues) {
      const field = issue.field;
      const fieldValue = field && isPlainObject(repaired.data) ? (repaired.data as Record<string, unknown>)[field] : undefined;
      // An unknown field has no value in the repaired layer: it was dropped, nothing replaced it.
      problems.push(fieldValue === undefined ? { code: 'layerIgnored', issue: issue.text } : { code: 'layerReset', issue: issue.text, used: String(fieldValue) });
    }
  });
  return { value: layers, problems };
}
