import { beforeEach, describe, expect, it } from 'vitest';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment } from '../../../src/experiment/spec';
import { currentExperiment, experimentToEditor, isLocked } from '../../../src/state/experiment';
import { getApp, setApp } from '../../../src/state/store';
import { setHyperparameter } from '../../../src/actions/trainingActions';
import { edited } from './helpers';

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
});
