import { describe, expect, it } from 'vitest';
import { chartLines, plannedXMax, trainingMsAt, validationLine, xAt } from '../../../src/ui/charts/runSeries';
import { linearTicks, logTicks } from '../../../src/ui/charts/ticks';
import { finishedRun } from './makeRun';

// 80 training images in batches of 32: 3 batches per epoch, the last one 16 images.
describe('x-axis conversion', () => {
  const run = finishedRun();

  it('counts epochs as fractions of the batches per epoch', () => {
    expect(xAt(run, 0, 'epochs')).toBe(0);
    expect(xAt(run, 1, 'epochs')).toBeCloseTo(1 / 3, 12);
    expect(xAt(run, 3, 'epochs')).toBe(1);
    expect(xAt(run, 6, 'epochs')).toBe(2);
  });

  it('counts images seen, with the short last batch of each epoch', () => {
    expect([1, 2, 3, 4, 5, 6].map((s) => xAt(run, s, 'images'))).toEqual([32, 64, 80, 112, 144, 160]);
  });

  it('maps steps to seconds of training between the reads the trainer reported', () => {
    const marks: [number, number][] = [
      [4, 400],
      [10, 1600],
    ];
    expect(trainingMsAt(marks, 0)).toBe(0);
    expect(trainingMsAt(marks, 2)).toBe(200);
    expect(trainingMsAt(marks, 4)).toBe(400);
    expect(trainingMsAt(marks, 7)).toBe(1000);
    expect(trainingMsAt(marks, 12)).toBe(1600); // not read yet: the last known time
    expect(xAt({ ...run, timeMarks: marks }, 7, 'time')).toBe(1);
  });
});

describe('series across runs', () => {
  const fast = finishedRun({ id: 'a', name: 'Adam', colour: '#4e79a7', msPerBatch: 50 });
  const slow = finishedRun({ id: 'b', name: 'SGD', colour: '#f28e2b', losses: [2.3, 2.25, 2.2, 2.1, 2.0, 1.9], msPerBatch: 200 });
  const opt = { smoothing: 0, maxPoints: 200 };

  it('gives every visible run its own line in its colour, training after each batch and validation after each epoch', () => {
    const lines = chartLines([fast, slow, { ...slow, id: 'c', hidden: true }], 'loss', 'epochs', opt);
    expect(lines.map((l) => [l.id, l.name, l.colour])).toEqual([
      ['a', 'Adam', '#4e79a7'],
      ['b', 'SGD', '#f28e2b'],
    ]);
    expect(lines[1].train.map((p) => p.y)).toEqual([2.3, 2.25, 2.2, 2.1, 2.0, 1.9]);
    expect(lines[1].train.map((p) => p.x)).toEqual([1, 2, 3, 4, 5, 6].map((s) => s / 3));
    expect(lines[0].validation).toEqual([
      { x: 1, y: 2 },
      { x: 2, y: 1.5 },
    ]);
  });

  it('puts the same step of two runs at different times when one runs slower', () => {
    const [a, b] = chartLines([fast, slow], 'accuracy', 'time', opt);
    expect(a.train.at(-1)!.x).toBeCloseTo(0.3, 12);
    expect(b.train.at(-1)!.x).toBeCloseTo(1.2, 12);
    expect(b.validation.map((p) => p.x)).toEqual([0.6, 1.2]);
    expect(b.validation.map((p) => p.y)).toEqual([0.6, 0.7]);
  });

  it('keeps long runs within the point budget and reuses a finished run’s line', () => {
    const long = finishedRun({ losses: Array.from({ length: 3000 }, (_, i) => 2.3 / (1 + i / 100)), config: { epochs: 1000 } });
    const first = chartLines([long], 'loss', 'images', { smoothing: 0.9, maxPoints: 200 })[0];
    expect(first.train).toHaveLength(200);
    expect(first.train.at(-1)!.x).toBe(1000 * 80);
    expect(chartLines([long], 'loss', 'images', { smoothing: 0.9, maxPoints: 200 })[0].train).toBe(first.train);
  });

  it('clamps values for a log scale, skips epochs without validation', () => {
    const run = finishedRun({ losses: [1, 0, 1e-9], epochs: [{ epoch: 0, trainLoss: 1, trainAccuracy: 0.5, valLoss: null, valAccuracy: null }] });
    const [line] = chartLines([run], 'loss', 'epochs', { smoothing: 0, maxPoints: 200, floor: 1e-4 });
    expect(line.train.map((p) => p.y)).toEqual([1, 1e-4, 1e-4]);
    expect(validationLine(run, 'loss', 'epochs')).toEqual([]);
  });
});

describe('log-scale ticks', () => {
  it('spans the data with 1-2-5 ticks', () => {
    expect(logTicks([0.03, 2.3])).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]);
    expect(logTicks([1, 1])).toEqual([1]);
    expect(logTicks([0, NaN])).toBeNull();
  });
});

describe('linear ticks and the planned x-axis', () => {
  it('gives round ticks that cover the data, from the first tick at or below the minimum', () => {
    expect(linearTicks(0, 2.38)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(linearTicks(0, 3)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    const ticks = linearTicks(0.13, 0.87);
    expect(ticks[0]).toBeLessThanOrEqual(0.13);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(0.87);
  });

  it('ends the x-axis where the longest shown run will end, so it stays put while runs train', () => {
    const runs = [
      { hidden: false, config: { epochs: 2, subsets: { train: 1000, validation: 0, test: 10 } } },
      { hidden: false, config: { epochs: 3, subsets: { train: 500, validation: 0, test: 10 } } },
      { hidden: true, config: { epochs: 9, subsets: { train: 9000, validation: 0, test: 10 } } },
    ];
    expect(plannedXMax(runs, 'epochs')).toBe(3);
    expect(plannedXMax(runs, 'images')).toBe(2000);
    expect(plannedXMax(runs, 'time')).toBeNull();
    expect(plannedXMax([], 'epochs')).toBeNull();
  });
});
