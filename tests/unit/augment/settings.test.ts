import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { augmentationAfterSwitch, augmentationSummary, activeOps, defaultAugmentation, NO_AUGMENTATION } from '../../../src/engine/augment/spec';
import { DEFAULT_TRAINING, trainingConfigSchema } from '../../../src/engine/train/config';
import { kerasScript } from '../../../src/engine/export/keras';
import { pytorchScript } from '../../../src/engine/export/pytorch';
import { getPreset } from '../../../src/engine/spec/presets';
import { readRecord, toRecord } from '../../../src/state/runRecord';
import { runRow, runsCsv } from '../../../src/ui/runs/runRows';
import { finishedRun } from '../runs/makeRun';

// Augmentation as part of a run: defaults per dataset, old saved runs, the run table's CSV.

describe('defaults per dataset', () => {
  it('never flips digits, flips clothes and photos left to right only, and starts with augmentation off', () => {
    for (const id of ['mnist', 'fashion-mnist', 'cifar10'] as const) {
      const spec = defaultAugmentation(id);
      expect(spec.enabled).toBe(false);
      expect(activeOps(spec)).toEqual([]);
      expect(spec.flipVertical.enabled).toBe(false);
    }
    expect(activeOps({ ...defaultAugmentation('mnist'), enabled: true })).toEqual(['rotation', 'translation', 'scale']);
    expect(activeOps({ ...defaultAugmentation('cifar10'), enabled: true })).toEqual(['flipHorizontal', 'translation', 'brightness', 'contrast']);
    expect(activeOps({ ...defaultAugmentation('fashion-mnist'), enabled: true })).toContain('flipHorizontal');
  });

  it("switching dataset takes the new dataset's defaults unless the student changed them", () => {
    const mine = { ...defaultAugmentation('mnist'), enabled: true };
    const switched = augmentationAfterSwitch(mine, 'mnist', 'cifar10');
    expect(switched).toEqual({ ...defaultAugmentation('cifar10'), enabled: true });
    const changed = { ...mine, rotation: { enabled: true, probability: 1, magnitude: 30 } };
    expect(augmentationAfterSwitch(changed, 'mnist', 'cifar10')).toBe(changed);
  });
});

describe('in a saved run', () => {
  it('a config or record from before augmentation reads back with augmentation off', () => {
    const parsed = trainingConfigSchema.parse({ optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize: 32, epochs: 1, seed: 1, subsets: { train: 100, validation: 0, test: 10 } });
    expect(parsed.augmentation).toEqual(NO_AUGMENTATION);
    const record = structuredClone(toRecord(finishedRun())) as { config: Record<string, unknown> };
    delete record.config.augmentation;
    const read = readRecord('old', record);
    expect(read.ok && read.run.config.augmentation.enabled).toBe(false);
  });

  it('keeps its augmentation through a save and a read', () => {
    const augmentation = { ...defaultAugmentation('cifar10'), enabled: true };
    const read = readRecord('r', structuredClone(toRecord(finishedRun({ config: { augmentation } }))));
    expect(read.ok && read.run.config.augmentation).toEqual(augmentation);
  });

  it('a damaged augmentation setting is reported with its field', () => {
    const record = structuredClone(toRecord(finishedRun())) as { config: { augmentation: { noise: { probability: unknown } } } };
    record.config.augmentation.noise.probability = 3;
    const read = readRecord('bad', record);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toContain('config.augmentation.noise.probability');
  });
});

describe('the run table and its CSV', () => {
  it('show each run’s augmentation in its own column, and leave it out of the other settings', () => {
    const on = finishedRun({ id: 'a', name: 'with', config: { augmentation: { ...defaultAugmentation('mnist'), enabled: true } } });
    const off = finishedRun({ id: 'b', name: 'without' });
    const rows = [runRow(on), runRow(off)];
    expect(rows[0].otherSettings.some((s) => s.key.startsWith('augmentation'))).toBe(false);
    const csv = Papa.parse<Record<string, string>>(runsCsv(rows), { header: true }).data;
    expect(csv[0].augmentation).toBe('rotation p=0.5 m=10; translation p=0.5 m=2; scale p=0.5 m=0.1');
    expect(csv[1].augmentation).toBe('none');
    expect(augmentationSummary({ ...NO_AUGMENTATION, enabled: true, flipHorizontal: { enabled: true, probability: 0.5 }, rotation: { ...NO_AUGMENTATION.rotation, enabled: false }, translation: { ...NO_AUGMENTATION.translation, enabled: false }, scale: { ...NO_AUGMENTATION.scale, enabled: false } })).toBe('flipHorizontal p=0.5');
  });
});

describe('exported scripts', () => {
  it('say that they train without the run’s augmentation, and say nothing of it for a run without', () => {
    const spec = getPreset('lenet5').build([28, 28, 1], 10);
    const augmented = { ...DEFAULT_TRAINING, augmentation: { ...defaultAugmentation('mnist'), enabled: true } };
    for (const script of [kerasScript(spec, augmented, 'mnist'), pytorchScript(spec, augmented, 'mnist')]) {
      expect(script.replace(/\n# /g, ' ')).toContain("Not in this script: the app's data augmentation (rotation p=0.5 m=10; translation p=0.5 m=2; scale p=0.5 m=0.1)");
    }
    expect(kerasScript(spec, DEFAULT_TRAINING, 'mnist')).not.toContain('augmentation');
  });
});
