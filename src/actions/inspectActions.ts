import { getEngine } from '../state/engine';
import { getApp, isTraining, setApp, type InsideState } from '../state/store';
import { defineAction } from './types';

// The views inside the network: which layer is picked (diagram, feature maps, builder all show it), and
// what a kept model does with one test image.

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
  await engine.loadDataset(run.datasetId);
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
  enabled: (s) => !isTraining(s) && !s.inside.busy,
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
