import { getPreset, type Preset } from '../engine/spec/presets';
import { text, type IssueText } from '../engine/spec/messages';
import { translateZodIssues } from '../engine/spec/zodIssues';
import type { LayerSpec, LayerType } from '../engine/spec/layers';
import { NEW_LAYER } from '../engine/spec/newLayer';
import { modelSpecSchema } from '../engine/spec/layers';
import { editable, getApp, isTraining, setApp } from '../state/store';
import { isLocked } from '../state/experiment';
import { defineAction } from './types';
import { download } from '../state/download';

/** The model can be edited: not while training, nor when a classroom link locked or hid it. */
const notTraining = (s: Parameters<typeof isTraining>[0]) => !isTraining(s) && !isLocked(s, 'model');

export { NEW_LAYER };

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

/** Inserts before the final classifier so the model keeps ending in class scores. */
export const addLayer = defineAction<LayerType>({
  name: 'addLayer',
  labelKey: 'model.addLayer',
  enabled: notTraining,
  perform(type) {
    setApp((s) => {
      const at = Math.max(0, s.layers.length - 1);
      const layers = [...s.layers];
      layers.splice(at, 0, editable({ ...NEW_LAYER[type] }));
      return { layers, presetId: null };
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
export const editLayer = defineAction<{ index: number; spec: LayerSpec }>({
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
export function parseModelJson(json: string): { layers: LayerSpec[] } | { error: IssueText } {
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
