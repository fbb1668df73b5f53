import { describe, expect, it } from 'vitest';
import { meanStd } from '../../../src/engine/metrics/spread';
import { baggingGroups, crossValidations } from '../../../src/state/crossValidation';
import type { Run } from '../../../src/state/runs';
import { finishedRun } from '../runs/makeRun';

/** Fold `index` of a k-fold cross-validation whose last epoch validated at `acc` and `loss`. */
function foldRun(k: number, index: number, acc: number, loss: number, over: Partial<Run> = {}, config = {}): Run {
  const run = finishedRun({ id: `f${k}-${index}-${JSON.stringify(config)}`, name: `Adam η=0.003 (${k}-fold) · fold ${index + 1}/${k}`, config: { fold: { k, index }, ...config }, ...over });
  const last = run.epochs.length - 1;
  return { ...run, epochs: run.epochs.map((e, i) => (i === last ? { ...e, valAccuracy: acc, valLoss: loss } : e)) };
}

describe('the K-fold summary', () => {
  it('mean and sample standard deviation against hand-computed values', () => {
    // 0.90, 0.94, 0.98: mean 0.94, deviations ±0.04 and 0, std √((0.0016 + 0 + 0.0016) / 2) = 0.04.
    expect(meanStd([0.9, 0.94, 0.98]).mean).toBeCloseTo(0.94, 12);
    expect(meanStd([0.9, 0.94, 0.98]).std).toBeCloseTo(0.04, 12);
    // 1, 2, 3, 4: mean 2.5, std √(5/3) ≈ 1.2910.
    expect(meanStd([1, 2, 3, 4]).std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(meanStd([0.7])).toEqual({ mean: 0.7, std: 0, n: 1 });
    expect(() => meanStd([])).toThrow('no values');
  });

  it('groups a configuration’s folds, reports each fold’s last validation figures, and their mean ± std', () => {
    const runs = [foldRun(3, 2, 0.98, 0.1), foldRun(3, 0, 0.9, 0.3), foldRun(3, 1, 0.94, 0.2)];
    const [cv] = crossValidations(runs);
    expect(cv.name).toBe('Adam η=0.003 (3-fold)');
    expect(cv.folds.map((f) => [f.index, f.valAccuracy, f.valLoss])).toEqual([[0, 0.9, 0.3], [1, 0.94, 0.2], [2, 0.98, 0.1]]);
    expect(cv.complete).toBe(true);
    expect(cv.accuracy!.mean).toBeCloseTo(0.94, 12);
    expect(cv.accuracy!.std).toBeCloseTo(0.04, 12);
    expect(cv.loss!.mean).toBeCloseTo(0.2, 12);
    expect(cv.loss!.std).toBeCloseTo(0.1, 12);
  });

  it('is not complete while a fold is still queued, and counts only finished folds', () => {
    const runs = [foldRun(2, 0, 0.8, 0.5), { ...foldRun(2, 1, 0.6, 0.9), status: 'queued' as const, epochs: [] }];
    const [cv] = crossValidations(runs);
    expect(cv.complete).toBe(false);
    expect(cv.accuracy).toEqual({ mean: 0.8, std: 0, n: 1 });
    expect(cv.folds[1].valAccuracy).toBeNull();
  });

  it('keeps two configurations apart so their means compare', () => {
    const runs = [foldRun(2, 0, 0.8, 0.5), foldRun(2, 1, 0.9, 0.4), foldRun(2, 0, 0.7, 0.6, {}, { l2: 0.01 }), foldRun(2, 1, 0.75, 0.55, {}, { l2: 0.01 })];
    const groups = crossValidations(runs);
    expect(groups.map((g) => g.accuracy!.mean.toFixed(3))).toEqual(['0.850', '0.725']);
    expect(crossValidations([finishedRun()])).toEqual([]);
  });

  it('groups bagging members by configuration, in member order, with their test accuracy', () => {
    const member = (m: number, acc: number) => {
      const r = finishedRun({ id: `m${m}`, name: `Adam (bagging, 3) · member ${m + 1}`, config: { bootstrap: { member: m } } });
      return { ...r, test: r.test ? { ...r.test, accuracy: acc } : { loss: 0.1, accuracy: acc, confusion: [], samples: [] } };
    };
    const [g] = baggingGroups([member(1, 0.8), member(0, 0.7), member(2, 0.9)]);
    expect(g.name).toBe('Adam (bagging, 3)');
    expect(g.members.map((m) => [m.member, m.testAccuracy])).toEqual([[0, 0.7], [1, 0.8], [2, 0.9]]);
  });
});

describe('the run table and CSV', () => {
  it('say which fold or bagging member a run is, counted from 1', async () => {
    const { runRow, runsCsv } = await import('../../../src/ui/runs/runRows');
    const fold = runRow(foldRun(3, 0, 0.9, 0.3));
    expect(fold.otherSettings).toContainEqual({ key: 'fold', value: '1/3' });
    expect(fold.otherSettings.some((s) => s.key.startsWith('fold.'))).toBe(false);
    const member = runRow(finishedRun({ config: { bootstrap: { member: 4 } } }));
    expect(member.otherSettings).toContainEqual({ key: 'bootstrapMember', value: 5 });
    expect(runsCsv([fold])).toContain('fold=1/3');
    expect(runRow(finishedRun()).otherSettings.some((s) => s.key === 'fold' || s.key === 'bootstrapMember')).toBe(false);
  });
});

describe('saved runs', () => {
  it('keep their fold and bootstrap member, so a reload regroups them; records without read as neither', async () => {
    const { readRecord, toRecord } = await import('../../../src/state/runRecord');
    const runs = [foldRun(2, 0, 0.8, 0.5), foldRun(2, 1, 0.9, 0.4)];
    const back = runs.map((r) => readRecord(r.id, structuredClone(toRecord(r))));
    const restored = back.map((b) => (b.ok ? b.run : null)).filter((r): r is Run => r !== null);
    expect(restored).toHaveLength(2);
    expect(crossValidations(restored)[0].accuracy!.mean).toBeCloseTo(0.85, 12);
    const plain = structuredClone(toRecord(finishedRun())) as { config: Record<string, unknown> };
    delete plain.config.fold;
    delete plain.config.bootstrap;
    const read = readRecord('old', plain);
    expect(read.ok && [read.run.config.fold ?? null, read.run.config.bootstrap ?? null]).toEqual([null, null]);
  });
});
