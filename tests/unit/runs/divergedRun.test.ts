import { describe, expect, it } from 'vitest';
import { trainingLine } from '../../../src/ui/charts/runSeries';
import { logTicks } from '../../../src/ui/charts/ticks';
import { advanceStatus } from '../../../src/state/runStatus';
import { readRecord, toRecord } from '../../../src/state/runRecord';
import { finishedRun } from './makeRun';

// A run that blew up: its last loss is NaN after losses in the 1e20s. Charts, the log axis and storage
// must all still work, and late events must not move a run's status backwards.
const losses = [2.3, 2.1, 4e3, 1.6e20, NaN];
const diverged = finishedRun({ losses, status: 'diverged', divergence: { step: 4, value: 'NaN' } });

describe('a diverged run', () => {
  it('charts the finite losses only, so smoothing does not turn the line into NaN', () => {
    const line = trainingLine(diverged, 'loss', 'epochs', { smoothing: 0.6, maxPoints: 100, floor: 1e-4 });
    expect(line).toHaveLength(4);
    expect(line.every((p) => Number.isFinite(p.y) && Number.isFinite(p.x))).toBe(true);
  });

  it('keeps a log axis readable across twenty decades: about ten powers of ten', () => {
    const ticks = logTicks([0.05, 2.1, 1.6e20])!;
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks[0]).toBeLessThanOrEqual(0.05);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(1.6e20);
    for (const t of ticks) expect(Math.log10(t) % 1).toBeCloseTo(0, 9);
  });

  it('is saved and read back with its divergence and its NaN loss', () => {
    const back = readRecord(diverged.id, structuredClone(toRecord(diverged)));
    if (!back.ok) throw new Error(back.problem);
    const run = back.run;
    expect(run.status).toBe('diverged');
    expect(run.divergence).toEqual({ step: 4, value: 'NaN' });
    expect(Number.isNaN(run.batches[4].loss)).toBe(true);
  });
});

describe('run status', () => {
  it('only moves forward: a late start does not undo Stop, and a finished run stays finished', () => {
    expect(advanceStatus('stopping', 'running')).toBe('stopping');
    expect(advanceStatus('pausing', 'running')).toBe('pausing');
    expect(advanceStatus('starting', 'running')).toBe('running');
    expect(advanceStatus('paused', 'running')).toBe('running');
    expect(advanceStatus('stopping', 'stopped')).toBe('stopped');
    expect(advanceStatus('done', 'running')).toBe('done');
    expect(advanceStatus('diverged', 'failed')).toBe('diverged');
    expect(advanceStatus('running', 'diverged')).toBe('diverged');
  });
});
