import { beforeEach, describe, expect, it } from 'vitest';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment } from '../../../src/experiment/spec';
import { currentExperiment, experimentToEditor, isLocked } from '../../../src/state/experiment';
import { getApp, setApp } from '../../../src/state/store';
import { setHyperparameter } from '../../../src/actions/trainingActions';
import { duplicateRun } from '../../../src/actions/runActions';
import { withRuns } from '../../../src/state/store';
import { finishedRun } from '../runs/makeRun';
import { edited, said } from './helpers';

// The store holds every setting of an experiment: putting one into the editor and reading the editor back
// gives the same experiment, so what is saved and shared is exactly what is on screen.

describe('the editor and the experiment', () => {
  beforeEach(() => setApp(experimentToEditor(getApp(), defaultExperiment())));

  it('round-trips an edited experiment through the store', () => {
    const e = edited();
    setApp(experimentToEditor(getApp(), e));
    expect(currentExperiment(getApp())).toEqual(e);
    // And through the gate as saved.
    expect(restore(JSON.parse(JSON.stringify(currentExperiment(getApp()))), 'saved').experiment).toEqual(e);
  });

  it('keeps the layer rows when only a setting other than the model changes', () => {
    setApp(experimentToEditor(getApp(), edited()));
    const rows = getApp().layers;
    setApp(experimentToEditor(getApp(), { ...edited(), training: { ...edited().training, epochs: 9 } }));
    expect(getApp().layers).toBe(rows);
    expect(getApp().epochs).toBe(9);
  });

  it('refuses edits to a setting a classroom link locked or hid', () => {
    setApp(experimentToEditor(getApp(), { ...defaultExperiment(), classroom: { hidden: ['batchSize'], locked: ['epochs'] } }));
    expect(isLocked(getApp(), 'epochs')).toBe(true);
    expect(isLocked(getApp(), 'batchSize')).toBe(true);
    setHyperparameter.perform({ key: 'epochs', value: 7 });
    setHyperparameter.perform({ key: 'batchSize', value: 8 });
    expect(getApp().epochs).toBe(2);
    expect(getApp().batchSize).toBe(32);
    setApp({ classroom: { hidden: [], locked: [] } });
    setHyperparameter.perform({ key: 'epochs', value: 7 });
    expect(getApp().epochs).toBe(7);
  });

  it('duplicating a run leaves what a classroom link locked as the teacher set it', async () => {
    setApp({ ...experimentToEditor(getApp(), { ...defaultExperiment(), classroom: { hidden: [], locked: ['epochs', 'model'] } }), dataset: null });
    const layers = getApp().layers;
    const run = finishedRun({ id: 'r1', config: { epochs: 6, batchSize: 64 }, spec: { inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] } });
    setApp(withRuns([run], null));
    await duplicateRun.perform('r1');
    expect(getApp().batchSize).toBe(64);
    expect(getApp().epochs).toBe(2);
    expect(getApp().layers).toBe(layers);
  });

  it('says an emptied number field, saved as null, is missing', async () => {
    const e = JSON.parse(JSON.stringify({ ...defaultExperiment(), training: { ...defaultExperiment().training, batchSize: NaN } }));
    expect(e.training.batchSize).toBeNull();
    expect(await said(restore(e, 'saved'))).toEqual(['the batch size is missing — 32 is used']);
  });
});
