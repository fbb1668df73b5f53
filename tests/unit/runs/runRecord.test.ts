import { describe, expect, it } from 'vitest';
import { readEntries, readRecord, toRecord } from '../../../src/state/runRecord';
import { finishedRun } from './makeRun';

describe('saved runs', () => {
  it('read back as they were saved, except the test images, which are not kept', () => {
    const run = finishedRun({ testImages: new Uint8Array(784) });
    const record = structuredClone(toRecord(run)); // what IndexedDB stores is a structured clone
    const read = readRecord(run.id, record);
    if (!read.ok) throw new Error(read.problem);
    expect(read.run).toEqual({ ...run, testImages: null });
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
    expect(saved.unreadable).toEqual([
      { key: 'bad', name: 'Broken run', problem: 'config.batchSize: batch size must be at least 1' },
      { key: 'junk', name: 'junk', problem: expect.stringMatching(/expected object/) },
      { key: 'short', name: 'Adam η=0.003', problem: 'accuracy: loss and accuracy have different lengths' },
      { key: 'future', name: 'Adam η=0.003', problem: 'version: only version 1 can be read' },
    ]);
  });
});
