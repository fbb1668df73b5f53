import { getEngine } from '../state/engine';
import { getApp, setApp, type InsideState } from '../state/store';
import { defineAction } from './types';
import { loadDatasetInEngine } from './ownDatasetActions';

// The views inside the network: which layer is picked (diagram, feature maps, builder all show it), and
// what a kept model — or the model of the run training now — does with one test image.

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function updateInside(patch: Partial<InsideState>): void {
  setApp((s) => ({ inside: { ...s.inside, ...patch } }));
}

export const selectLayer = defineAction<number | null>({
  name: 'selectLayer',
  labelKey: 'inspect.selectLayer',
  perform(layer) {
    setApp({ selectedLayer: layer });
  },
});

/** Test image `imageIndex` of the run's test subset as the model's input, [0, 1]. */
async function inputOf(runId: string, imageIndex: number): Promise<Float32Array> {
  const run = getApp().runs.find((r) => r.id === runId);
  if (!run) throw new Error('the run is gone');
  const engine = getEngine();
  await loadDatasetInEngine(run.datasetId);
  const evaluation = getApp().results.evaluation;
  // The test subset's indices: from the last evaluation of this run when there is one, else position = index.
  const index = evaluation?.runId === runId ? evaluation.testIndices[imageIndex % evaluation.testIndices.length] : imageIndex;
  const pixels = await engine.testImagesAt(run.datasetId, Int32Array.of(index));
  return Float32Array.from(pixels, (v) => v / 255);
}

/** The input the views show: the student's own when chosen, else test image `imageIndex`. */
function currentInput(runId: string, imageIndex: number): Promise<Float32Array> {
  const { usingOwn, ownInput } = getApp().inside;
  return usingOwn && ownInput ? Promise.resolve(ownInput.slice()) : inputOf(runId, imageIndex);
}

export const lookInside = defineAction<{ runId: string; imageIndex: number; own?: boolean }>({
  name: 'lookInside',
  labelKey: 'inspect.inspect',
  enabled: (s) => !s.inside.busy,
  async perform({ runId, imageIndex, own = false }) {
    updateInside({ runId, imageIndex, busy: true, error: null, explanation: null, usingOwn: own && getApp().inside.ownInput !== null });
    try {
      const pixels = await currentInput(runId, imageIndex);
      const engine = getEngine();
      const [inspection, filters] = await Promise.all([engine.inspect(runId, pixels), engine.filters(runId)]);
      updateInside({ inspection, filters, busy: false });
    } catch (e) {
      updateInside({ busy: false, error: message(e) });
    }
  },
});

export const explainPixel = defineAction<{ layer: number; channel: number; y: number; x: number }>({
  name: 'explainPixel',
  labelKey: 'inspect.explainer.title',
  async perform({ layer, channel, y, x }) {
    const { runId, imageIndex } = getApp().inside;
    if (!runId) return;
    try {
      const explanation = await getEngine().explainConv(runId, await currentInput(runId, imageIndex), layer, channel, y, x);
      updateInside({ explanation, error: null });
    } catch (e) {
      updateInside({ error: message(e) });
    }
  },
});

export const setInsideLive = defineAction<boolean>({
  name: 'setInsideLive',
  labelKey: 'inspect.live',
  perform(live) {
    updateInside({ live });
  },
});

let refreshing = false;

/**
 * Looks again at the same input with the weights of now (the panel calls it a few times a second while
 * its run trains): feature maps, filters and the open explanation are replaced together, nothing is
 * cleared first, so the views do not flicker. One refresh at a time; a call during one is skipped.
 */
export async function refreshInside(): Promise<void> {
  const { runId, imageIndex, explanation, busy, inspection: shown } = getApp().inside;
  if (!runId || busy || refreshing) return;
  refreshing = true;
  try {
    // The input the views show is the one to look at again: no dataset round trip per refresh.
    const pixels = shown && shown.runId === runId ? shown.input.values.slice() : await currentInput(runId, imageIndex);
    const engine = getEngine();
    const pick = explanation ? { layer: explanation.layer, channel: explanation.channel, y: explanation.y, x: explanation.x } : null;
    const [inspection, filters, explained] = await Promise.all([
      engine.inspect(runId, pixels),
      engine.filters(runId),
      pick ? engine.explainConv(runId, pixels, pick.layer, pick.channel, pick.y, pick.x) : Promise.resolve(null),
    ]);
    // The student may have moved to another run or image meanwhile: then this look is stale.
    const now = getApp().inside;
    if (now.runId !== runId || now.imageIndex !== imageIndex || now.busy) return;
    updateInside({ inspection, filters, explanation: explained ?? now.explanation, error: null });
  } catch (e) {
    updateInside({ error: message(e) });
  } finally {
    refreshing = false;
  }
}
