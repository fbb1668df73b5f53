import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, type Migration } from '../../../src/experiment/migrate';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment, EXPERIMENT_VERSION } from '../../../src/experiment/spec';
import { edited, said } from './helpers';

describe('experiment versions', () => {
  it('reads an experiment without a version as version 1, says so, and keeps its settings', async () => {
    const { version: _, ...unversioned } = edited();
    const back = restore(unversioned, 'file');
    expect(await said(back)).toEqual(['it has no version number; it was read as version 1']);
    expect(back.experiment).toEqual(edited());
  });

  it('reads what it knows of an experiment from a newer app and says which format it found', async () => {
    const future = { ...edited(), version: 7, augmentation: { flip: true } };
    const back = restore(future, 'link');
    expect(await said(back)).toEqual([
      'it was made by a newer version of the app (format 7); this one reads format 1, so only the settings it knows were loaded',
      'unknown fields in the experiment were ignored: "augmentation"',
    ]);
    expect(back.experiment.training).toEqual(edited().training);
    expect(back.experiment.version).toBe(EXPERIMENT_VERSION);
  });

  it('says a version that is not a format number', async () => {
    const back = restore({ ...edited(), version: 'two' }, 'file');
    expect(await said(back)).toEqual(['its version "two" is not a format number; it was read as format 1']);
    expect(back.experiment.training.epochs).toBe(5);
  });

  it('opens a model file from Export JSON (version 0) as an experiment with its layers', async () => {
    const model = { name: 'my-model', inputShape: [28, 28, 1], layers: edited().model.layers };
    const back = restore(model, 'file');
    expect(await said(back)).toEqual(['this is a model file, not an experiment: its layers were loaded and the other settings keep their defaults']);
    expect(back.experiment.model).toEqual({ preset: null, layers: edited().model.layers });
    expect(back.experiment.training).toEqual(defaultExperiment().training);
  });

  it('has a step from every older version to the current one', () => {
    for (let v = 0; v < EXPERIMENT_VERSION; v++) expect(MIGRATIONS[v], `migration from ${v}`).toBeTypeOf('function');
  });

  it('runs the steps in order up to a newer version (as version 2 will be added)', () => {
    // A version 2 that renames "training.epochs" to "training.rounds".
    const toV2: Migration = (v1) => {
      const training = { ...(v1.training as Record<string, unknown>) };
      training.rounds = training.epochs;
      delete training.epochs;
      return { ...v1, training };
    };
    const chain = { ...MIGRATIONS, 1: toV2 };
    const fromV1 = migrate({ version: 1, training: { epochs: 3 } }, chain, 2);
    expect(fromV1).toEqual({ value: { version: 2, training: { rounds: 3 } }, problems: [] });
    // A model file goes 0 → 1 → 2.
    const fromV0 = migrate({ inputShape: [28, 28, 1], layers: [] }, chain, 2);
    expect(fromV0.value).toEqual({ version: 2, model: { preset: null, layers: [] }, training: {} });
    expect(fromV0.problems).toEqual([{ code: 'modelFile' }]);
    // Format 2 read by this version is "from the future".
    expect(migrate({ version: 2 }).problems).toEqual([{ code: 'futureVersion', found: 2, latest: 1 }]);
  });
});
