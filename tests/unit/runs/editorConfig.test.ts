import { describe, expect, it } from 'vitest';
import type { TrainingConfig } from '../../../src/engine/train/config';
import { configToEditor, currentConfig } from '../../../src/state/spec';
import { useApp } from '../../../src/state/store';

describe('duplicating a run', () => {
  it('puts its whole config back in the editor, so training again gives the same config', () => {
    const config: TrainingConfig = {
      ...currentConfig(useApp.getState()),
      optimizer: { type: 'momentum', learningRate: 0.02, momentum: 0.8 },
      schedule: { type: 'step', everyEpochs: 2, factor: 0.5, warmupEpochs: 1 },
      batchSize: 256,
      epochs: 3,
      seed: 9,
      subsets: { train: 500, validation: 50, test: 60 },
    };
    const s = useApp.getState();
    const editor = { ...s, ...configToEditor(s, config) };
    expect(currentConfig(editor)).toEqual(config);
  });
});
