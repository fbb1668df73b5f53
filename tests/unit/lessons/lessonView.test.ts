import { describe, expect, it } from 'vitest';
import { lessonView } from '../../../src/state/lesson';
import { editable, getApp, IDLE_RUN, type AppState } from '../../../src/state/store';
import type { Run } from '../../../src/state/runs';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import { defaultAugmentation } from '../../../src/engine/augment/spec';
import { getPreset } from '../../../src/engine/spec/presets';

// The view the checks read is fed from the app's state: the runs, the editor, the views and the labs.

const spec = getPreset('lenet5').build([28, 28, 1], 10);
function makeRun(id: string, over: Partial<Run> = {}): Run {
  return { ...IDLE_RUN, id, name: id, colour: '#000', hidden: false, createdAt: 0, datasetId: 'mnist', spec, config: structuredClone(DEFAULT_TRAINING), timeMarks: [], ...over };
}

describe('lessonView', () => {
  it('reads the runs, the editor, the views inside, the evaluation and the labs from the store', () => {
    const augmented = { ...structuredClone(DEFAULT_TRAINING), augmentation: { ...defaultAugmentation('mnist'), enabled: true }, optimizer: { type: 'sgd' as const, learningRate: 0.1 } };
    const a = makeRun('a', { status: 'done', config: augmented, earlyStop: { epoch: 3, bestEpoch: 1 } as Run['earlyStop'], epochs: [{ epoch: 0, trainLoss: 0.5, trainAccuracy: 0.8, valLoss: 0.6, valAccuracy: 0.85 }] });
    const fold = (i: number) => makeRun(`f${i}`, { status: 'done', config: { ...structuredClone(DEFAULT_TRAINING), fold: { k: 2, index: i } }, epochs: [{ epoch: 0, trainLoss: 0.5, trainAccuracy: 0.8, valLoss: 0.6, valAccuracy: 0.85 }] });
    const s: AppState = {
      ...getApp(),
      runs: [a, fold(0), fold(1), makeRun('lab', { status: 'running' })],
      currentRunId: 'a',
      lesson: { id: 'lenet-mnist', step: 1, runsBefore: { 0: [], 1: ['f0', 'f1'] } },
      layers: spec.layers.map(editable),
      presetId: 'lenet5',
      selectedLayer: 1,
      augmentation: { ...defaultAugmentation('mnist'), enabled: true },
      inside: { ...getApp().inside, runId: 'a', inspection: {} as AppState['inside']['inspection'], explanation: null },
      dataLab: { ...getApp().dataLab, overfitRuns: [{ kind: 'plain', runId: 'a' }, { kind: 'l2', runId: 'lab' }] },
    };
    const v = lessonView(s, { status: 'ready', result: { surface: 'rosenbrock', start: [0, 0], steps: 1, backend: 'cpu', ms: 1, paths: [{ spec: { type: 'adam', learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, points: [], stopped: null }] } });
    expect(v.run).toMatchObject({ status: 'done', optimizer: 'sgd', augmented: true, trainImages: DEFAULT_TRAINING.subsets.train, earlyStopped: true, dataset: 'mnist' });
    expect(v.run!.epochs).toEqual([{ trainLoss: 0.5, valLoss: 0.6, valAccuracy: 0.85 }]);
    expect(v.runs).toHaveLength(4);
    // Runs there when the step was opened are not this step's.
    expect(v.runs.map((r) => r.fresh)).toEqual([true, false, false, true]);
    expect(v).toMatchObject({ layerCount: 8, presetId: 'lenet5', selectedLayerType: 'avgPool', insideRunId: 'a', explainedRunId: null, augmentationOn: true, pathsTraced: ['adam'], kfoldComplete: 1, overfitLab: { queued: 2, done: 1 } });
    expect(lessonView(s, { status: 'computing', result: null }).pathsTraced).toBeNull();
    expect(lessonView({ ...s, augmentation: defaultAugmentation('mnist') }, { status: 'idle', result: null }).augmentationOn).toBe(false);
  });
});

describe('a lesson step counts the runs started in it', () => {
  it('runs there when a step is first opened are not its own; going back to a step keeps what it counted', async () => {
    const { actions } = await import('../../../src/actions');
    const { useApp } = await import('../../../src/state/store');
    const idle = { status: 'idle' as const, result: null };
    const done = (id: string) => makeRun(id, { status: 'done' });
    useApp.setState({ runs: [done('earlier')], currentRunId: 'earlier' });
    actions.openLesson.perform('overfitting');
    expect(lessonView(getApp(), idle).run!.fresh).toBe(false);
    // Trained in step 1: its run is fresh there, and passes "run finished".
    useApp.setState((s) => ({ runs: [...s.runs, done('step1')], currentRunId: 'step1' }));
    expect(lessonView(getApp(), idle).run!.fresh).toBe(true);
    // Step 2 opened after it: step 1's run is not step 2's.
    actions.goToLessonStep.perform(1);
    expect(lessonView(getApp(), idle).run!.fresh).toBe(false);
    actions.goToLessonStep.perform(0);
    expect(lessonView(getApp(), idle).run!.fresh).toBe(true);
    actions.openLesson.perform(null);
  });
});
