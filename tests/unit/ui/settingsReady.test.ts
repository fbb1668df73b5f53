import { describe, expect, it } from 'vitest';
import { settingsReady } from '../../../src/actions/trainingActions';
import type { LoadedDataset } from '../../../src/engine/session';
import { settingsProblems, subsetsReady } from '../../../src/state/settingsProblems';
import { getPreset } from '../../../src/engine/spec/presets';
import { editable, useApp, type AppState } from '../../../src/state/store';

const MNIST: LoadedDataset = { id: 'mnist', name: 'MNIST', imageShape: [28, 28, 1], classNames: '0123456789'.split(''), trainCount: 60000, testCount: 10000, loadMs: 1 };
const layers = getPreset('lenet-modern').build([28, 28, 1], 10).layers.map(editable);
const editor = (patch: Partial<AppState>): AppState => ({ ...useApp.getState(), dataset: MNIST, datasetLoading: false, layers, ...patch });

describe('Train is enabled exactly when no field shows a problem', () => {
  it('trains the defaults', () => {
    const s = editor({});
    expect(settingsProblems(s)).toEqual({});
    expect(settingsReady(s)).toBe(true);
  });

  it('stays disabled while a subset asks for more images than the dataset has', () => {
    const s = editor({ subsets: { train: 10000, validation: 1000, test: 20000 } });
    expect(Object.keys(settingsProblems(s))).toEqual(['subsets.test']);
    expect(settingsReady(s)).toBe(false);
    expect(subsetsReady(s)).toBe(false); // nor is the preview asked for
  });

  it('stays disabled while a field holds "not a number"', () => {
    const s = editor({ optimizer: { ...useApp.getState().optimizer, learningRate: NaN } as AppState['optimizer'] });
    expect(settingsProblems(s)).toEqual({ 'optimizer.learningRate': { code: 'notNumber' } });
    expect(settingsReady(s)).toBe(false);
    expect(subsetsReady(s)).toBe(true);
  });

  it('hands back the same problems object until a setting changes, so panels do not re-render for nothing', () => {
    const s = editor({ batchSize: 0 });
    const first = settingsProblems(s);
    expect(settingsProblems({ ...s, run: { ...s.run } })).toBe(first);
    expect(settingsProblems({ ...s, batchSize: 1 })).not.toBe(first);
  });
});
