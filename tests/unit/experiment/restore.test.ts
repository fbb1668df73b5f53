import { describe, expect, it } from 'vitest';
import { restore, restoreText } from '../../../src/experiment/restore';
import { modelSpecSchema } from '../../../src/engine/spec/layers';
import { defaultExperiment, EXPERIMENT_VERSION } from '../../../src/experiment/spec';
import { edited, said } from './helpers';

describe('restore: the one gate for experiments', () => {
  it('gives back an edited experiment unchanged, through JSON, with no problems', async () => {
    const e = edited();
    const back = restoreText(JSON.stringify(e), 'file');
    expect(back.problems).toEqual([]);
    expect(back.experiment).toEqual(e);
    expect(back.experiment.version).toBe(EXPERIMENT_VERSION);
  });

  it('falls back field by field: each bad field says what is wrong and what is used, the rest is kept', async () => {
    const e = edited() as unknown as Record<string, any>;
    e.training.batchSize = 0;
    e.training.optimizer.learningRate = -1;
    e.training.subsets.test = 'many';
    e.dataset = 'imagenet';
    const back = restore(structuredClone(e), 'file');
    const text = await said(back);
    expect(text).toEqual([
      'the dataset "imagenet" is not one of mnist, fashion-mnist, cifar10 — mnist is used',
      'the test subset must be a number, not "many" — 2000 is used',
      'the learning rate must be greater than 0 — 0.05 is used',
      'the batch size must be a whole number from 1 to 4,096 — 32 is used',
    ]);
    const x = back.experiment;
    expect(x.dataset).toBe('mnist');
    expect(x.training.batchSize).toBe(32);
    // Momentum's own default rate, and the momentum value that was fine is kept.
    expect(x.training.optimizer).toEqual({ type: 'momentum', learningRate: 0.05, momentum: 0.8 });
    expect(x.training.subsets).toEqual({ train: 500, validation: 100, test: 2000 });
    expect(x.training.epochs).toBe(5);
    expect(x.model).toEqual(edited().model);
    expect(x.views).toEqual(edited().views);
  });
});

describe('restore: settings left out', () => {
  it('keeps the default of a setting left out quietly, but names a field missing inside a setting', async () => {
    // A lesson's hand-made experiment that sets only what the lesson is about.
    const back = restore({ version: 1, training: { epochs: 3, subsets: { validation: 0, test: 500 } } }, 'link');
    expect(await said(back)).toEqual(['the training subset is missing — 10000 is used']);
    expect(back.experiment.training).toEqual({ ...defaultExperiment().training, epochs: 3, subsets: { train: 10000, validation: 0, test: 500 } });
    expect(back.experiment.model).toEqual(defaultExperiment().model);
  });
});

describe('restore: the model, layer by layer', () => {
  it('repairs a damaged field from a new layer, ignores unknown fields, leaves out what is not a layer', async () => {
    const e = edited() as unknown as Record<string, any>;
    e.model.preset = 'lenet5';
    e.model.layers[0].filters = 0;
    e.model.layers[1].colour = 'red';
    e.model.layers.splice(2, 0, { type: 'pool' });
    const back = restore(e, 'file');
    expect(await said(back)).toEqual([
      'layer 1 conv2d: filters must be at least 1 — set to 8',
      'layer 2 maxPool: unknown field "colour" (allowed: type, poolSize, strides) — ignored',
      'layer 3: unknown layer type "pool" (expected one of conv2d, maxPool, avgPool, dense, dropout, batchNorm, flatten, activation, globalAvgPool, lrn, residual, inception) — this layer was left out',
    ]);
    const layers = back.experiment.model.layers;
    expect(layers).toEqual([{ ...edited().model.layers[0], filters: 8 }, ...edited().model.layers.slice(1)]);
    // Repaired layers are not the preset's any more: a dataset change must not rebuild them.
    expect(back.experiment.model.preset).toBeNull();
  });

  it('keeps the first 64 layers of a longer model and says so', async () => {
    const e = edited();
    e.model.layers = Array.from({ length: 70 }, () => ({ type: 'dense' as const, units: 4, activation: 'relu' as const }));
    const back = restore(e, 'file');
    expect(back.experiment.model.layers).toHaveLength(64);
    expect(await said(back)).toEqual(['the model has 70 layers, more than the 64 allowed: the first 64 were kept']);
    // The same limit as the model spec's own.
    expect(modelSpecSchema.safeParse({ inputShape: [28, 28, 1], layers: back.experiment.model.layers }).success).toBe(true);
    expect(modelSpecSchema.safeParse({ inputShape: [28, 28, 1], layers: e.model.layers.slice(0, 65) }).success).toBe(false);
  });
});

describe('restore: what cannot be read', () => {
  it('says a selected layer that is not a layer number', async () => {
    const back = restore({ ...edited(), views: { ...edited().views, selectedLayer: -2 } }, 'saved');
    expect(await said(back)).toEqual(['the selected layer must be a whole number or nothing, not -2 — it was cleared']);
    expect(back.experiment.views.selectedLayer).toBeNull();
  });

  it('says a section or value of the wrong kind, and unknown fields, and keeps the rest', async () => {
    const e = edited() as unknown as Record<string, any>;
    e.views = 'open';
    e.training.optimizer = [];
    e.training.restoreBestWeights = 'yes';
    e.model.extra = true;
    e.colour = 'blue';
    e.training.speed = 3;
    const back = restore(e, 'file');
    expect(await said(back)).toEqual([
      'the views must be an object, so each of its settings keeps its default',
      'unknown fields in the model were ignored: "extra"',
      'the optimizer must be an object, not […] — adam is used',
      'restore best weights must be true or false, not "yes" — true is used',
      'unknown fields in the experiment were ignored: "colour"',
      'unknown fields in the training settings were ignored: "speed"',
    ]);
    expect(back.experiment.views).toEqual(defaultExperiment().views);
    expect(back.experiment.training.epochs).toBe(5);
    expect(back.experiment.model).toEqual(edited().model);
  });

  it('gives the default experiment for text that is not JSON or not an experiment', async () => {
    const notJson = restoreText('{"version": 1,', 'file');
    expect(notJson.experiment).toEqual(defaultExperiment());
    expect((await said(notJson))[0]).toMatch(/^the file is not valid JSON \(.+\), so nothing could be read from it$/);
    const list = restore([1, 2], 'file');
    expect(list.experiment).toEqual(defaultExperiment());
    expect(await said(list)).toEqual(['this is not an experiment, so nothing could be read from it']);
  });

  it('says every problem in Chinese with nothing left in English or untranslated', async () => {
    const e = edited() as unknown as Record<string, any>;
    e.training.batchSize = 0;
    e.training.subsets.test = 'many';
    e.dataset = 'imagenet';
    e.views = 3;
    e.model.layers[0].filters = 0;
    e.model.layers.push({ type: 'pool' });
    e.classroom = { hidden: ['selectedLayer'] };
    e.extra = 1;
    const back = restore(e, 'link');
    const zh = await said(back, 'zh');
    expect(zh).toHaveLength(back.problems.length);
    expect(zh.length).toBeGreaterThanOrEqual(8);
    for (const line of zh) {
      expect(line).toMatch(/[\u4e00-\u9fff]/);
      expect(line).not.toMatch(/\{\{|experiment\.|fieldErrors\.|specIssues\.| is used|must be/);
    }
  });
});

describe('an experiment whose model has blocks', () => {
  it('comes back through the gate with its residual and inception blocks', async () => {
    const { getPreset } = await import('../../../src/engine/spec/presets');
    const e = defaultExperiment();
    const withBlocks = { ...e, model: { preset: null, layers: getPreset('resnet-mini')!.build([28, 28, 1], 10).layers } };
    const back = restore(JSON.parse(JSON.stringify(withBlocks)), 'file');
    expect(back.problems).toEqual([]);
    expect(back.experiment.model.layers).toEqual(withBlocks.model.layers);
  });
});
