import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { IssueText } from '../../../src/engine/spec/messages';
import { en } from '../../../src/i18n/en';
import { sayIssue } from '../../../src/i18n/issueText';
import { zh } from '../../../src/i18n/zh';
import { readEntries, readRecord, toRecord } from '../../../src/state/runRecord';
import { finishedRun } from './makeRun';
import { getPreset } from '../../../src/engine/spec/presets';

describe('saved runs', () => {
  it('read back as they were saved, except the test images, which are not kept', () => {
    const run = finishedRun({ testImages: new Uint8Array(784) });
    const record = structuredClone(toRecord(run)); // what IndexedDB stores is a structured clone
    const read = readRecord(run.id, record);
    if (!read.ok) throw new Error(read.problem);
    expect(read.run).toEqual({ ...run, testImages: null });
  });

  it('keep a model with blocks, and a run saved before blocks (a flat list of layers) still reads', () => {
    const run = finishedRun({ spec: getPreset('resnet-mini').build([28, 28, 1], 10) });
    const read = readRecord(run.id, structuredClone(toRecord(run)));
    if (!read.ok) throw new Error(read.problem);
    expect(read.run.spec.layers.map((l) => l.type)).toContain('residual');
    expect(read.run).toEqual({ ...run, testImages: null });
    const old = finishedRun({ spec: getPreset('lenet5').build([28, 28, 1], 10) });
    const before = readRecord(old.id, structuredClone(toRecord(old)));
    expect(before.ok && before.run.spec).toEqual(old.spec);
  });

  it('keep the gradient norms per batch and the weight and gradient histograms', () => {
    const base = finishedRun();
    const h = (counts: number[]) => ({ min: -1, max: 1, counts: Uint32Array.from(counts), nonFinite: 0 });
    const run = {
      ...base,
      batches: base.batches.map((b, i) => ({ ...b, gradNorms: [1 / (i + 1), NaN] })),
      dynamics: { layers: [{ layer: 0, type: 'conv2d', size: 3 }, { layer: 3, type: 'dense', size: 2 }], relus: [{ layer: 0, type: 'conv2d' }], snapshotEvery: 3, probeImages: 64 },
      snapshots: [0, 3].map((step) => ({
        step,
        layers: [{ layer: 0, type: 'conv2d', weights: h([1, 2]), gradients: h([3, 0]) }, { layer: 3, type: 'dense', weights: h([0, 2]), gradients: h([1, 1]) }],
        deadRelu: [{ layer: 0, type: 'conv2d', fraction: 0.25 }],
      })),
    };
    const read = readRecord(run.id, structuredClone(toRecord(run)));
    if (!read.ok) throw new Error(read.problem);
    expect(read.run).toEqual(run);
  });

  it('keep a diverged run’s NaN and infinite losses', () => {
    const run = finishedRun({ losses: [2.3, NaN, Infinity, NaN, NaN, NaN] });
    const read = readRecord(run.id, toRecord(run));
    if (!read.ok) throw new Error(read.problem);
    expect(read.run.batches.map((b) => b.loss)).toEqual([2.3, NaN, Infinity, NaN, NaN, NaN]);
  });

  it('save a run that was still training as queued, without its partial metrics', () => {
    const record = toRecord(finishedRun({ status: 'running' }));
    expect(record.status).toBe('queued');
    expect([record.loss, record.epochs, record.test, record.progress]).toEqual([[], [], null, null]);
  });

  it('fill config fields added since the run was saved with their defaults', () => {
    const record = toRecord(finishedRun()) as unknown as { config: Record<string, unknown> };
    delete record.config.schedule;
    const read = readRecord('x', record);
    if (!read.ok) throw new Error(read.problem);
    expect(read.run.config.schedule).toEqual({ type: 'constant', warmupEpochs: 0 });
  });

  it('report a damaged record by name and field, and still read the others', () => {
    const good = finishedRun({ id: 'good', createdAt: 2 });
    const older = finishedRun({ id: 'older', name: 'older', createdAt: 1 });
    const bad = { ...toRecord(finishedRun({ id: 'bad', name: 'Broken run' })), config: { ...good.config, batchSize: 0 } };
    const shortAccuracy = { ...toRecord(finishedRun({ id: 'short' })), accuracy: [0.5] };
    const saved = readEntries([
      ['good', toRecord(good)],
      ['bad', bad],
      ['junk', 'not a run at all'],
      ['older', toRecord(older)],
      ['short', shortAccuracy],
      ['future', { ...toRecord(good), version: 2 }],
    ]);
    expect(saved.runs.map((r) => r.id)).toEqual(['older', 'good']);
    expect(saved.unreadable.map(({ text: _text, ...rest }) => rest)).toEqual([
      { key: 'bad', name: 'Broken run', problem: 'config.batchSize must be at least 1' },
      { key: 'junk', name: 'junk', problem: 'the stored value is not a saved run' },
      { key: 'short', name: 'Adam η=0.003', problem: 'its loss and accuracy lists have different lengths' },
      { key: 'future', name: 'Adam η=0.003', problem: 'it was saved in format 2, and this version of the app reads only format 1' },
    ]);
  });
});

describe('problems with saved runs', () => {
  const good = toRecord(finishedRun());
  const damaged: Record<string, unknown> = {
    colour: { ...good, colour: 'red' },
    spec: { ...good, spec: { ...good.spec, layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, strides: 1e20 }] } },
    optimizer: { ...good, config: { ...good.config, optimizer: { type: 'nope' } } },
    fields: { ...good, loss: [1, 'x'], accuracy: [1, 2], hidden: undefined, params: 2.5, status: 'lost', config: { ...good.config, momentum: 1 } },
  };
  const problems = (key: string) => readRecord(key, damaged[key]) as { ok: false; problem: string; text: IssueText };

  it('name the field and the real limit, in English', () => {
    expect(problems('colour').problem).toBe('colour must be a colour like #4e79a7, not "red"');
    expect(problems('spec').problem).toBe('its model: layer 1 conv2d: stride must be at most 16');
    expect(problems('optimizer').problem).toMatch(/^config\.optimizer\.type is "nope", which is not one of sgd, momentum, adam, /);
    expect(problems('fields').problem).toBe(
      'hidden is missing; config has an unknown field "momentum"; status is "lost", which is not one of queued, done, stopped, failed, diverged; and 2 more problems',
    );
  });

  it('are message codes the UI says in Chinese, with no English left', async () => {
    const t = await translator('zh');
    expect(sayIssue(t, problems('colour').text)).toBe('colour 必须是形如 #4e79a7 的颜色，而不是 "red"');
    expect(sayIssue(t, problems('spec').text)).toBe('其中的模型：第 1 层 conv2d：步长至多为 16');
    const more = toRecord(finishedRun());
    const all = [...Object.keys(damaged).map(problems), readRecord('junk', 42), readRecord('v', { ...more, version: 2 }), readRecord('s', { ...more, accuracy: [] })];
    for (const read of all as { text: IssueText }[]) {
      const said = sayIssue(t, read.text);
      expect(said).toMatch(/[\u4e00-\u9fff]/);
      expect(said).not.toMatch(/must|expected|invalid|received|\{\{|record[A-Z]/i);
    }
    const tEn = await translator('en');
    for (const read of all as { problem: string; text: IssueText }[]) expect(sayIssue(tEn, read.text)).toBe(read.problem);
  });
});

async function translator(lng: 'en' | 'zh'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return instance.t;
}
