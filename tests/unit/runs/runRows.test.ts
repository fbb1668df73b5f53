import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { differences, runRow, runsCsv, sortRows } from '../../../src/ui/runs/runRows';
import { finishedRun } from './makeRun';

const adam = finishedRun({ id: 'a', name: 'Adam η=0.003' });
const sgd = finishedRun({
  id: 'b',
  name: 'SGD, "plain" =1+1',
  losses: [2.3, 2.2, 2.1, 2.0, 1.9, 1.85],
  config: { optimizer: { type: 'sgd', learningRate: 0.1 } },
  test: { loss: 1.4, accuracy: 0.55, confusion: [], samples: [] },
});
const queued = finishedRun({ id: 'c', name: 'Momentum', status: 'queued', losses: [], epochs: [], test: null, progress: null, timeMarks: [] });

describe('run table rows', () => {
  it('summarise each run: settings, first-batch loss, best validation and test accuracy, time and speed', () => {
    const row = runRow(adam);
    expect(row.optimizer).toBe('adam');
    expect(row.optimizerSettings).toEqual([
      { key: 'learningRate', value: 0.003 },
      { key: 'beta1', value: 0.9 },
      { key: 'beta2', value: 0.999 },
      { key: 'epsilon', value: 1e-7 },
    ]);
    expect(row.firstBatchLoss).toBe(2.3);
    expect(row.bestValAccuracy).toBe(0.7);
    expect(row.testAccuracy).toBe(0.7);
    expect(row.timeMs).toBe(600);
    expect(row.imagesPerSec).toBe(320);
    const empty = runRow(queued);
    expect([empty.firstBatchLoss, empty.bestValAccuracy, empty.testAccuracy, empty.timeMs, empty.imagesPerSec]).toEqual([null, null, null, null, null]);
  });

  it('list config fields other panels add, such as regularisation, as other settings', () => {
    const extended = { ...adam, config: { ...adam.config, labelSmoothing: 0.1, augment: { flip: true, shift: 2 } } };
    const other = runRow(extended).otherSettings;
    expect(other).toEqual(
      expect.arrayContaining([
        { key: 'labelSmoothing', value: 0.1 },
        { key: 'augment.flip', value: true },
        { key: 'augment.shift', value: 2 },
      ]),
    );
    expect(other.map((s) => s.key)).not.toContain('optimizer');
    expect(other.map((s) => s.key)).not.toContain('seed');
  });

  it('sort by any column, either way, with empty values last', () => {
    const rows = [adam, sgd, queued].map(runRow);
    const ids = (key: Parameters<typeof sortRows>[1]) => sortRows(rows, key).map((r) => r.id);
    expect(ids({ key: 'testAccuracy', descending: true })).toEqual(['a', 'b', 'c']);
    expect(ids({ key: 'testAccuracy', descending: false })).toEqual(['b', 'a', 'c']);
    expect(ids({ key: 'name', descending: false })).toEqual(['a', 'c', 'b']);
    expect(ids(null)).toEqual(['a', 'b', 'c']);
  });
});

describe('CSV export', () => {
  it('has one line per run whose values are the runs’ own, with names quoted safely', () => {
    const runs = [adam, sgd, queued];
    const csv = runsCsv(runs.map(runRow));
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(3);
    const [a, b, c] = parsed.data;
    expect(a.name).toBe('Adam η=0.003');
    expect(b.name).toBe('SGD, "plain" =1+1'); // comma and quotes survive the round trip
    expect(csv).toContain('"SGD, ""plain"" =1+1"');
    expect(a.optimizer).toBe('adam');
    expect(a.optimizer_settings).toBe('learningRate=0.003; beta1=0.9; beta2=0.999; epsilon=1e-7');
    expect(b.optimizer_settings).toBe('learningRate=0.1');
    expect(a.schedule).toBe('cosine');
    for (const [row, run] of [[a, adam], [b, sgd]] as const) {
      expect(Number(row.first_batch_loss)).toBe(run.batches[0].loss);
      expect(Number(row.test_accuracy)).toBe(run.test!.accuracy);
      expect(Number(row.best_val_accuracy)).toBe(Math.max(...run.epochs.map((e) => e.valAccuracy!)));
      expect(Number(row.train_seconds)).toBe(run.progress!.elapsedMs / 1000);
      expect(Number(row.images_per_second)).toBe(run.progress!.imagesPerSec);
      expect(Number(row.batch_size)).toBe(32);
      expect(Number(row.seed)).toBe(run.config.seed);
    }
    expect(c.status).toBe('queued');
    expect(c.test_accuracy).toBe('');
  });

  it('defuses names a spreadsheet would run as a formula', () => {
    const csv = runsCsv([runRow({ ...adam, name: '=HYPERLINK("http://x")' })]);
    expect(Papa.parse<Record<string, string>>(csv, { header: true }).data[0].name).toBe('\'=HYPERLINK("http://x")');
  });
});

describe('fairness', () => {
  it('names what differs besides the optimizer', () => {
    expect(differences([adam, sgd])).toEqual([]);
    expect(differences([adam, { ...sgd, config: { ...sgd.config, seed: 1 } }])).toEqual(['seed']);
    const other = { ...sgd, datasetId: 'fashion-mnist' as const, spec: { ...sgd.spec, layers: sgd.spec.layers.slice(1) } };
    expect(differences([adam, other])).toEqual(['model', 'dataset']);
  });
});
