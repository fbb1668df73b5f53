import { getPreset, type Preset } from '../engine/spec/presets';
import { text, type IssueText } from '../engine/spec/messages';
import { translateZodIssues } from '../engine/spec/zodIssues';
import type { BlockSpec, BlockType, ItemSpec, LayerSpec, LayerType, MainPathLayerSpec } from '../engine/spec/layers';
import { NEW_LAYER } from '../engine/spec/newLayer';
import { modelSpecSchema } from '../engine/spec/layers';
import { editable, getApp, isTraining, setApp } from '../state/store';
import { isLocked } from '../state/experiment';
import { defineAction } from './types';
import { download } from '../state/download';

/** The model can be edited: not while training, nor when a classroom link locked or hid it. */
const notTraining = (s: Parameters<typeof isTraining>[0]) => !isTraining(s) && !isLocked(s, 'model');

export { NEW_LAYER };

/**
 * What a freshly added block starts as: ResNet's basic block (3×3 conv, batch norm, relu, 3×3 conv, batch
 * norm, then add and relu) with a projection shortcut, which fits whatever comes before it; and GoogLeNet's
 * module 3a with an eighth of its channels (64, 96→128, 16→32, 32 become 8, 12→16, 2→4, 4).
 */
export const NEW_BLOCK: Record<BlockType, BlockSpec> = {
  residual: {
    type: 'residual',
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' },
      { type: 'batchNorm' },
      { type: 'activation', activation: 'relu' },
      { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' },
      { type: 'batchNorm' },
    ],
    shortcut: 'projection',
    activation: 'relu',
  },
  inception: { type: 'inception', conv1x1: 8, reduce3x3: 12, conv3x3: 16, reduce5x5: 2, conv5x5: 4, poolProj: 4, activation: 'relu' },
};

/** What a layer added to a residual block's main path starts as. */
export const NEW_MAIN_PATH_LAYER: Record<MainPathLayerSpec['type'], MainPathLayerSpec> = {
  conv2d: { type: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' },
  batchNorm: { type: 'batchNorm' },
  activation: { type: 'activation', activation: 'relu' },
};

export function applyPreset(id: string): void {
  const s = getApp();
  const preset = getPreset(id as Preset['id']);
  if (!preset) return;
  const shape = s.dataset?.imageShape ?? [28, 28, 1];
  const classes = s.dataset?.classNames.length ?? 10;
  setApp({ layers: preset.build(shape, classes).layers.map(editable), presetId: id });
}

export const loadPreset = defineAction<string>({
  name: 'loadPreset',
  labelKey: 'model.loadPreset',
  enabled: notTraining,
  perform: applyPreset,
});

/**
 * Layers the builder offers besides one of each type, for what the course names: a 1×1 convolution
 * (a conv with kernel 1, GoogLeNet's channel reduction) and AlexNet's overlapping pooling (3×3, stride 2).
 */
export const NAMED_LAYERS = {
  conv1x1: { type: 'conv2d', filters: 8, kernelSize: 1, strides: 1, padding: 'same', activation: 'relu' },
  overlappingPool: { type: 'maxPool', poolSize: 3, strides: 2 },
} as const satisfies Record<string, LayerSpec>;
export type AddChoice = LayerType | keyof typeof NAMED_LAYERS;
export const ADD_CHOICES: AddChoice[] = ['conv2d', 'conv1x1', 'maxPool', 'overlappingPool', 'avgPool', 'dense', 'dropout', 'batchNorm', 'flatten', 'activation', 'globalAvgPool', 'lrn'];

/** Inserts before the final classifier so the model keeps ending in class scores. */
export const addLayer = defineAction<AddChoice>({
  name: 'addLayer',
  labelKey: 'model.addLayer',
  enabled: notTraining,
  perform(choice) {
    setApp((s) => {
      const at = Math.max(0, s.layers.length - 1);
      const layers = [...s.layers];
      const spec: LayerSpec = choice in NAMED_LAYERS ? NAMED_LAYERS[choice as keyof typeof NAMED_LAYERS] : NEW_LAYER[choice as LayerType];
      layers.splice(at, 0, editable({ ...spec }));
      return { layers, presetId: null };
    });
  },
});

/** A block works on images, so it goes before the first flatten or global pooling (else before the classifier). */
export const addBlock = defineAction<BlockType>({
  name: 'addBlock',
  labelKey: 'model.addBlock',
  enabled: notTraining,
  perform(type) {
    setApp((s) => {
      const firstFlat = s.layers.findIndex((l) => l.spec.type === 'flatten' || l.spec.type === 'globalAvgPool');
      const at = firstFlat >= 0 ? firstFlat : Math.max(0, s.layers.length - 1);
      const layers = [...s.layers];
      layers.splice(at, 0, editable(structuredClone(NEW_BLOCK[type])));
      return { layers, presetId: null };
    });
  },
});

/** Changes the main path of the residual block at `index` (other items are left alone). */
function editMainPath(index: number, change: (path: MainPathLayerSpec[]) => MainPathLayerSpec[]): void {
  setApp((s) => ({
    layers: s.layers.map((l, i) => (i === index && l.spec.type === 'residual' ? { ...l, spec: { ...l.spec, layers: change([...l.spec.layers]) } } : l)),
    presetId: null,
  }));
}

export const addMainPathLayer = defineAction<{ index: number; type: MainPathLayerSpec['type'] }>({
  name: 'addMainPathLayer',
  labelKey: 'model.addMainPathLayer',
  enabled: notTraining,
  perform({ index, type }) {
    editMainPath(index, (path) => [...path, { ...NEW_MAIN_PATH_LAYER[type] }]);
  },
});

export const removeMainPathLayer = defineAction<{ index: number; inner: number }>({
  name: 'removeMainPathLayer',
  labelKey: 'model.removeLayer',
  enabled: notTraining,
  perform({ index, inner }) {
    editMainPath(index, (path) => path.filter((_, j) => j !== inner));
  },
});

export const moveMainPathLayer = defineAction<{ index: number; inner: number; by: -1 | 1 }>({
  name: 'moveMainPathLayer',
  labelKey: 'model.moveLayer',
  enabled: notTraining,
  perform({ index, inner, by }) {
    editMainPath(index, (path) => {
      const to = inner + by;
      if (to < 0 || to >= path.length) return path;
      [path[inner], path[to]] = [path[to], path[inner]];
      return path;
    });
  },
});

export const removeLayer = defineAction<number>({
  name: 'removeLayer',
  labelKey: 'model.removeLayer',
  enabled: notTraining,
  perform(index) {
    setApp((s) => ({ layers: s.layers.filter((_, i) => i !== index), presetId: null }));
  },
});

export const moveLayer = defineAction<{ index: number; by: -1 | 1 }>({
  name: 'moveLayer',
  labelKey: 'model.moveLayer',
  enabled: notTraining,
  perform({ index, by }) {
    setApp((s) => {
      const to = index + by;
      if (to < 0 || to >= s.layers.length) return {};
      const layers = [...s.layers];
      [layers[index], layers[to]] = [layers[to], layers[index]];
      return { layers, presetId: null };
    });
  },
});

/** Replaces a layer's spec as typed; invalid values stay so the user sees the error beside them. */
export const editLayer = defineAction<{ index: number; spec: ItemSpec }>({
  name: 'editLayer',
  labelKey: 'model.editLayer',
  enabled: notTraining,
  perform({ index, spec }) {
    setApp((s) => ({
      layers: s.layers.map((l, i) => (i === index ? { ...l, spec } : l)),
      presetId: null,
    }));
  },
});

export const exportModel = defineAction({
  name: 'exportModel',
  labelKey: 'model.export',
  perform() {
    const s = getApp();
    const spec = { name: 'my-model', inputShape: s.dataset?.imageShape ?? [28, 28, 1], layers: s.layers.map((l) => l.spec) };
    download('model.json', new Blob([JSON.stringify(spec, null, 2)], { type: 'application/json' }));
  },
});

/**
 * Loads a shared model from JSON text. The file must be a structurally valid spec; geometry problems
 * (a kernel too big for this dataset, say) are kept and shown inline, like hand edits.
 */
export function parseModelJson(json: string): { layers: ItemSpec[] } | { error: IssueText } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { error: text('notJson', { detail: (e as Error).message }) };
  }
  const parsed = modelSpecSchema.safeParse(value);
  // The first problem, worded like the builder's inline ones (and in the UI's language).
  if (!parsed.success) return { error: translateZodIssues(parsed.error.issues, value)[0].text };
  return { layers: parsed.data.layers };
}

export const importModel = defineAction<string>({
  name: 'importModel',
  labelKey: 'model.import',
  enabled: notTraining,
  perform(text) {
    const result = parseModelJson(text);
    if ('error' in result) {
      setApp({ importError: result.error });
      return;
    }
    setApp({ layers: result.layers.map(editable), presetId: null, importError: null });
  },
});
