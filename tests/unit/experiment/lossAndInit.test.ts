import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { restore } from '../../../src/experiment/restore';
import { defaultExperiment } from '../../../src/experiment/spec';
import { decodeHash, shareUrl } from '../../../src/experiment/urlCodec';
import { getSetting } from '../../../src/experiment/settings';
import { readRecord, toRecord } from '../../../src/state/runRecord';
import { differentLosses, runRow, runsCsv } from '../../../src/ui/runs/runRows';
import { finishedRun } from '../runs/makeRun';
import { edited, said } from './helpers';

// The loss function and the weight initialisation are settings of an experiment and of a run: shared by
// links, checked by the gate with specific messages, filled in for experiments and runs saved before they
// existed (as the cross-entropy and by-activation initialisation those trained with), shown per run.

describe('loss and initialisation through the experiment gate', () => {
  it('are shared settings that a share link carries', () => {
    expect(getSetting('loss')).toMatchObject({ path: ['training', 'loss'], shared: true });
    expect(getSetting('init')).toMatchObject({ path: ['training', 'init'], shared: true });
    const e = { ...edited(), training: { ...edited().training, loss: 'mse' as const, init: 'glorot' as const } };
    const back = decodeHash(new URL(shareUrl('http://localhost:5173/', e)).hash)!;
    expect(back.problems).toEqual([]);
    expect([back.experiment.training.loss, back.experiment.training.init]).toEqual(['mse', 'glorot']);
  });

  it('reject an unknown loss or initialisation with a message naming it, what is allowed and what is used, in English and Chinese', async () => {
    const e = edited() as unknown as Record<string, any>;
    e.training.loss = 'focal';
    e.training.init = 'lecun';
    const back = restore(e, 'link');
    expect(await said(back)).toEqual([
      'the loss function "focal" is not one of crossEntropy, mse, hinge — crossEntropy is used',
      'the weight initialisation "lecun" is not one of auto, he, glorot, smallNormal — auto is used',
    ]);
    expect(await said(back, 'zh')).toEqual([
      '损失函数 "focal" 不在 crossEntropy, mse, hinge 之中——改用 crossEntropy',
      '权重初始化 "lecun" 不在 auto, he, glorot, smallNormal 之中——改用 auto',
    ]);
    expect([back.experiment.training.loss, back.experiment.training.init]).toEqual(['crossEntropy', 'auto']);
    // Everything else of the experiment is kept.
    expect(back.experiment.training.optimizer).toEqual(edited().training.optimizer);
  });

  it('read an experiment saved before them (no loss, no init) as cross-entropy with the by-activation initialisation, quietly', async () => {
    const old = structuredClone(edited()) as unknown as Record<string, any>;
    delete old.training.loss;
    delete old.training.init;
    const back = restore(old, 'saved');
    expect(back.problems).toEqual([]);
    expect(back.experiment.training.loss).toBe('crossEntropy');
    expect(back.experiment.training.init).toBe('auto');
    // A model file from before experiments (version 0) too.
    const modelFile = restore({ name: 'm', inputShape: [28, 28, 1], layers: defaultExperiment().model.layers }, 'file');
    expect([modelFile.experiment.training.loss, modelFile.experiment.training.init]).toEqual(['crossEntropy', 'auto']);
  });
});

describe('loss and initialisation of a run', () => {
  it('a run saved before them reads back as cross-entropy and the by-activation initialisation', () => {
    const record = toRecord(finishedRun()) as unknown as { config: Record<string, unknown> };
    delete record.config.loss;
    delete record.config.init;
    const read = readRecord('x', record);
    if (!read.ok) throw new Error(read.problem);
    expect([read.run.config.loss, read.run.config.init]).toEqual(['crossEntropy', 'auto']);
  });

  it('a saved run keeps its own loss and initialisation, and a record with an unknown loss is reported by field', () => {
    const run = finishedRun({ config: { loss: 'hinge', init: 'smallNormal' } });
    const read = readRecord('x', toRecord(run));
    if (!read.ok) throw new Error(read.problem);
    expect([read.run.config.loss, read.run.config.init]).toEqual(['hinge', 'smallNormal']);
    const bad = { ...toRecord(run), config: { ...run.config, loss: 'focal' } };
    const failed = readRecord('y', bad);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.problem).toMatch(/config\.loss/);
  });

  it('the run table rows and the CSV show each run’s loss and initialisation in their own columns', () => {
    const plain = finishedRun({ id: 'a' });
    const hinge = finishedRun({ id: 'b', name: 'hinge', config: { loss: 'hinge', init: 'smallNormal' } });
    const rows = [plain, hinge].map(runRow);
    expect(rows.map((r) => [r.loss, r.init])).toEqual([['crossEntropy', 'auto'], ['hinge', 'smallNormal']]);
    expect(rows[1].otherSettings.map((s) => s.key)).not.toContain('loss');
    const csv = Papa.parse<Record<string, string>>(runsCsv(rows), { header: true, skipEmptyLines: true }).data;
    expect(csv.map((r) => [r.loss, r.init])).toEqual([['crossEntropy', 'auto'], ['hinge', 'smallNormal']]);
  });

  it('runs minimising different losses are told apart: their loss values are not on one scale', () => {
    const plain = finishedRun({ id: 'a' });
    expect(differentLosses([plain, finishedRun({ id: 'b', config: { init: 'he' } })])).toEqual([]);
    expect(differentLosses([plain, finishedRun({ id: 'b', config: { loss: 'mse' } })])).toEqual(['crossEntropy', 'mse']);
  });
});

describe('the hinge and the model’s output', () => {
  it('a last layer that squashes the scores (sigmoid, tanh) is named; a softmax or linear one, which give raw scores, is not', async () => {
    const { squashingOutput } = await import('../../../src/engine/train/lossSpec');
    const dense = (activation: 'sigmoid' | 'tanh' | 'softmax' | 'linear') => [{ type: 'flatten' as const }, { type: 'dense' as const, units: 10, activation }];
    expect(squashingOutput(dense('sigmoid'))).toBe('sigmoid');
    expect(squashingOutput(dense('tanh'))).toBe('tanh');
    expect(squashingOutput(dense('softmax'))).toBeNull();
    expect(squashingOutput(dense('linear'))).toBeNull();
    expect(squashingOutput([...dense('linear'), { type: 'activation', activation: 'tanh' }])).toBe('tanh');
  });
});

describe('the loss chart’s title', () => {
  it('names the losses of the runs it draws, or the editor’s before any run has points', async () => {
    const { chartedLosses } = await import('../../../src/state/chartedLosses');
    const plain = finishedRun({ id: 'a' });
    const hinge = finishedRun({ id: 'b', config: { loss: 'hinge' } });
    expect(chartedLosses({ runs: [], loss: 'mse' })).toEqual(['mse']);
    expect(chartedLosses({ runs: [hinge], loss: 'mse' })).toEqual(['hinge']);
    expect(chartedLosses({ runs: [plain, hinge], loss: 'mse' })).toEqual(['crossEntropy', 'hinge']);
    expect(chartedLosses({ runs: [plain, { ...hinge, hidden: true }], loss: 'mse' })).toEqual(['crossEntropy']);
  });
});
