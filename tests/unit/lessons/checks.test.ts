import { describe, expect, it } from 'vitest';
import { checkPassed, type LessonCheck, type LessonRun, type LessonView } from '../../../src/lessons';

// Each check kind on hand-made views: it notices the goal, and it does not when the goal is not reached.

type Epoch = LessonRun['epochs'][number];
const run = (over: Partial<LessonRun> = {}): LessonRun => ({
  status: 'done',
  testAccuracy: 0.9,
  optimizer: 'adam',
  augmented: false,
  dataset: 'mnist',
  trainImages: 200,
  model: 'lenet',
  earlyStopped: false,
  epochs: [],
  fresh: true,
  ...over,
});
const view = (over: Partial<LessonView> = {}): LessonView => ({
  run: null,
  runs: [],
  layerCount: 8,
  presetId: null,
  selectedLayerType: null,
  insideRunId: null,
  explainedRunId: null,
  currentRunId: null,
  augmentationOn: false,
  pathsTraced: null,
  evaluation: null,
  kfoldComplete: 0,
  overfitLab: { queued: 0, done: 0 },
  ...over,
});
/** A view whose current run is `current`, among `others`. */
const withRun = (current: LessonRun, others: LessonRun[] = []) => view({ run: current, runs: [...others, current], currentRunId: 'a' });
const epochs = (pairs: [number, number | null][]): Epoch[] => pairs.map(([trainLoss, valLoss]) => ({ trainLoss, valLoss, valAccuracy: valLoss === null ? null : 0.9 }));
const pass = (check: LessonCheck, v: LessonView) => checkPassed(check, v);

describe('lesson checks', () => {
  it('a run from before the step was opened passes none of the checks on the current run', () => {
    const old = run({ fresh: false, earlyStopped: true, epochs: epochs([[1, 1.2], [0.2, 1.5]]) });
    const older = run({ fresh: false, epochs: epochs([[1, 1.2], [0.1, 2.0]]) });
    for (const check of [
      { kind: 'runFinished' },
      { kind: 'testAccuracyAtLeast', value: 0.5 },
      { kind: 'validationAccuracyAtLeast', value: 0.5 },
      { kind: 'gapOpened', gap: 0.3 },
      { kind: 'earlyStopped' },
    ] as LessonCheck[]) {
      expect(pass(check, withRun(old))).toBe(false);
      expect(pass(check, withRun({ ...old, fresh: true }))).toBe(true);
    }
    // The narrower gap must be this step's run; the wider one it is compared with may be an earlier step's.
    expect(pass({ kind: 'gapNarrowed' }, withRun(old, [older]))).toBe(false);
    expect(pass({ kind: 'gapNarrowed' }, withRun({ ...old, fresh: true }, [older]))).toBe(true);
  });

  it('runFinished, testAccuracyAtLeast and validationAccuracyAtLeast read the current run', () => {
    expect(pass({ kind: 'runFinished' }, withRun(run()))).toBe(true);
    expect(pass({ kind: 'runFinished' }, withRun(run({ status: 'running' })))).toBe(false);
    expect(pass({ kind: 'runFinished' }, view())).toBe(false);
    expect(pass({ kind: 'testAccuracyAtLeast', value: 0.9 }, withRun(run({ testAccuracy: 0.93 })))).toBe(true);
    expect(pass({ kind: 'testAccuracyAtLeast', value: 0.9 }, withRun(run({ testAccuracy: 0.89 })))).toBe(false);
    expect(pass({ kind: 'testAccuracyAtLeast', value: 0.9 }, withRun(run({ testAccuracy: 0.95, status: 'stopped' })))).toBe(false);
    const val = (a: number) => withRun(run({ status: 'running', epochs: [{ trainLoss: 0.1, valLoss: 0.2, valAccuracy: a }] }));
    expect(pass({ kind: 'validationAccuracyAtLeast', value: 0.95 }, val(0.96))).toBe(true);
    expect(pass({ kind: 'validationAccuracyAtLeast', value: 0.95 }, val(0.94))).toBe(false);
  });

  it('lookedInside and convExplained need the views on the current run', () => {
    expect(pass({ kind: 'lookedInside' }, view({ currentRunId: 'a', insideRunId: 'a' }))).toBe(true);
    expect(pass({ kind: 'lookedInside' }, view({ currentRunId: 'a', insideRunId: 'b' }))).toBe(false);
    expect(pass({ kind: 'convExplained' }, view({ currentRunId: 'a', insideRunId: 'a', explainedRunId: 'a' }))).toBe(true);
    expect(pass({ kind: 'convExplained' }, view({ currentRunId: 'a', insideRunId: 'a', explainedRunId: null }))).toBe(false);
    expect(pass({ kind: 'convExplained' }, view({ currentRunId: 'b', explainedRunId: 'a' }))).toBe(false);
  });

  it('layerSelected, layerCount and presetLoaded read the editor', () => {
    expect(pass({ kind: 'layerSelected', types: ['avgPool', 'maxPool'] }, view({ selectedLayerType: 'avgPool' }))).toBe(true);
    expect(pass({ kind: 'layerSelected', types: ['avgPool', 'maxPool'] }, view({ selectedLayerType: 'conv2d' }))).toBe(false);
    expect(pass({ kind: 'layerSelected', types: ['avgPool'] }, view())).toBe(false);
    expect(pass({ kind: 'layerCount', count: 8 }, view())).toBe(true);
    expect(pass({ kind: 'layerCount', count: 8 }, view({ layerCount: 9 }))).toBe(false);
    expect(pass({ kind: 'presetLoaded', preset: 'vgg-mini' }, view({ presetId: 'vgg-mini' }))).toBe(true);
    expect(pass({ kind: 'presetLoaded', preset: 'vgg-mini' }, view({ presetId: null }))).toBe(false); // edited since
    expect(pass({ kind: 'presetLoaded', preset: 'vgg-mini' }, view({ presetId: 'resnet-mini' }))).toBe(false);
  });

  it('pathsTraced needs a traced comparison that includes every optimizer named', () => {
    const check: LessonCheck = { kind: 'pathsTraced', optimizers: ['rprop', 'manhattan', 'scg'] };
    expect(pass(check, view({ pathsTraced: ['sgd', 'rprop', 'manhattan', 'scg'] }))).toBe(true);
    expect(pass(check, view({ pathsTraced: ['sgd', 'rprop', 'manhattan'] }))).toBe(false);
    expect(pass(check, view({ pathsTraced: null }))).toBe(false);
  });

  it('optimizersCompared needs a finished run per optimizer', () => {
    const check: LessonCheck = { kind: 'optimizersCompared', optimizers: ['sgd', 'momentum', 'adam'] };
    const runs = [run({ optimizer: 'sgd' }), run({ optimizer: 'momentum' })];
    expect(pass(check, withRun(run({ optimizer: 'adam' }), runs))).toBe(true);
    expect(pass(check, withRun(run({ optimizer: 'adam', status: 'running' }), runs))).toBe(false);
    expect(pass(check, withRun(run({ optimizer: 'rprop' }), runs))).toBe(false);
  });

  it('gapOpened notices validation loss rising while training loss falls, or a final gap above the bound', () => {
    const check: LessonCheck = { kind: 'gapOpened', gap: 0.5 };
    // Rising: lowest 0.40 at epoch 2, then 0.48 while training loss kept falling (even mid-run).
    expect(pass(check, withRun(run({ status: 'running', epochs: epochs([[1.0, 0.6], [0.3, 0.4], [0.1, 0.45], [0.05, 0.48]]) })))).toBe(true);
    // A wide gap at the end, validation still falling.
    expect(pass(check, withRun(run({ epochs: epochs([[1.5, 2.2], [0.5, 1.4], [0.2, 0.9]]) })))).toBe(true);
    // Both falling together, gap small.
    expect(pass(check, withRun(run({ epochs: epochs([[1.0, 1.1], [0.6, 0.7], [0.4, 0.5]]) })))).toBe(false);
    // Validation wobbling by less than the rise that counts.
    expect(pass(check, withRun(run({ epochs: epochs([[1.0, 0.6], [0.3, 0.4], [0.2, 0.42]]) })))).toBe(false);
    // Validation rising because training diverges too: that is no overfitting.
    expect(pass(check, withRun(run({ epochs: epochs([[1.0, 0.6], [0.3, 0.4], [0.5, 0.6]]) })))).toBe(false);
    expect(pass(check, withRun(run({ epochs: epochs([[1.0, null], [0.01, null]]) })))).toBe(false);
  });

  it('gapNarrowed compares the current run’s final gap with another finished run on its dataset', () => {
    const wide = run({ epochs: epochs([[0.5, 0.8], [0.01, 0.9]]) }); // gap 0.89
    const narrow = run({ epochs: epochs([[0.6, 0.7], [0.2, 0.5]]) }); // gap 0.3
    expect(pass({ kind: 'gapNarrowed' }, withRun(narrow, [wide]))).toBe(true);
    expect(pass({ kind: 'gapNarrowed' }, withRun(wide, [narrow]))).toBe(false);
    expect(pass({ kind: 'gapNarrowed' }, withRun(run({ epochs: epochs([[0.05, 0.85]]) }), [wide]))).toBe(false); // 0.8 is not clearly smaller
    expect(pass({ kind: 'gapNarrowed' }, withRun(narrow, [{ ...wide, dataset: 'cifar10' }]))).toBe(false);
    expect(pass({ kind: 'gapNarrowed' }, withRun({ ...narrow, status: 'running' }, [wide]))).toBe(false);
    expect(pass({ kind: 'gapNarrowed' }, withRun(narrow))).toBe(false);
  });

  it('earlyStopped needs the current run ended by early stopping', () => {
    expect(pass({ kind: 'earlyStopped' }, withRun(run({ earlyStopped: true })))).toBe(true);
    expect(pass({ kind: 'earlyStopped' }, withRun(run({ earlyStopped: false })))).toBe(false);
  });

  it('augmentationOn reads the editor; augmentationCompared needs runs with and without on as many images', () => {
    expect(pass({ kind: 'augmentationOn' }, view({ augmentationOn: true }))).toBe(true);
    expect(pass({ kind: 'augmentationOn' }, view({ augmentationOn: false }))).toBe(false);
    const plain = run({ trainImages: 300 });
    expect(pass({ kind: 'augmentationCompared' }, withRun(run({ trainImages: 300, augmented: true }), [plain]))).toBe(true);
    expect(pass({ kind: 'augmentationCompared' }, withRun(run({ trainImages: 1000, augmented: true }), [plain]))).toBe(false);
    expect(pass({ kind: 'augmentationCompared' }, withRun(run({ trainImages: 300, augmented: true, status: 'stopped' }), [plain]))).toBe(false);
    expect(pass({ kind: 'augmentationCompared' }, withRun(run({ trainImages: 300 }), [plain]))).toBe(false);
  });

  it('overfitLabDone needs the lab’s comparison queued and every run of it finished', () => {
    expect(pass({ kind: 'overfitLabDone' }, view({ overfitLab: { queued: 6, done: 6 } }))).toBe(true);
    expect(pass({ kind: 'overfitLabDone' }, view({ overfitLab: { queued: 6, done: 5 } }))).toBe(false);
    expect(pass({ kind: 'overfitLabDone' }, view({ overfitLab: { queued: 0, done: 0 } }))).toBe(false);
  });

  it('evaluated needs an evaluation of the current run, on the split asked for', () => {
    expect(pass({ kind: 'evaluated' }, view({ currentRunId: 'a', evaluation: { runId: 'a', split: 'subset' } }))).toBe(true);
    expect(pass({ kind: 'evaluated' }, view({ currentRunId: 'a', evaluation: { runId: 'b', split: 'subset' } }))).toBe(false);
    expect(pass({ kind: 'evaluated', split: 'full' }, view({ currentRunId: 'a', evaluation: { runId: 'a', split: 'full' } }))).toBe(true);
    expect(pass({ kind: 'evaluated', split: 'full' }, view({ currentRunId: 'a', evaluation: { runId: 'a', split: 'subset' } }))).toBe(false);
  });

  it('kfoldDone counts complete cross-validations', () => {
    expect(pass({ kind: 'kfoldDone', count: 2 }, view({ kfoldComplete: 2 }))).toBe(true);
    expect(pass({ kind: 'kfoldDone', count: 2 }, view({ kfoldComplete: 1 }))).toBe(false);
  });

  it('modelsCompared needs finished runs of that many different models on one dataset', () => {
    const runs = [run({ model: 'lenet5' }), run({ model: 'vgg' }), run({ model: 'resnet', dataset: 'cifar10' })];
    expect(pass({ kind: 'modelsCompared', count: 2 }, withRun(run({ model: 'lenet5' }), runs))).toBe(true);
    expect(pass({ kind: 'modelsCompared', count: 3 }, withRun(run({ model: 'lenet5' }), runs))).toBe(false); // resnet ran on other data
    expect(pass({ kind: 'modelsCompared', count: 3 }, withRun(run({ model: 'modern' }), runs))).toBe(true);
    expect(pass({ kind: 'modelsCompared', count: 3 }, withRun(run({ model: 'modern', status: 'failed' }), runs))).toBe(false);
  });
});
