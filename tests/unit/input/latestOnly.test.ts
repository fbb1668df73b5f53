import { describe, expect, it } from 'vitest';
import { LatestOnly, type Answer } from '../../../src/ui/input/latestOnly';
import { topIndex } from '../../../src/ui/input/PredictionBars';

/** A work function whose answers the test releases by hand. */
function controlled() {
  const calls: { input: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const work = (input: number) => new Promise<string>((resolve, reject) => calls.push({ input, resolve, reject }));
  return { calls, work };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('live predictions for the newest input', () => {
  it('keeps one request in flight and sends only the newest of the inputs that came meanwhile', async () => {
    const { calls, work } = controlled();
    const shown: Answer<string>[] = [];
    const q = new LatestOnly(work, (a) => shown.push(a));
    q.submit(1);
    q.submit(2);
    q.submit(3);
    expect(calls.map((c) => c.input)).toEqual([1]);
    calls[0].resolve('one');
    await flush();
    expect(shown).toEqual([{ ok: true, value: 'one' }]);
    expect(calls.map((c) => c.input)).toEqual([1, 3]); // 2 was replaced before it was sent
    calls[1].resolve('three');
    await flush();
    expect(shown.at(-1)).toEqual({ ok: true, value: 'three' });
    expect(calls).toHaveLength(2);
  });

  it('drops an answer for an input from before a reset', async () => {
    const { calls, work } = controlled();
    const shown: Answer<string>[] = [];
    const q = new LatestOnly(work, (a) => shown.push(a));
    q.submit(1);
    q.reset(); // the pad was cleared while 1 was being predicted
    q.submit(2);
    calls[0].resolve('stale');
    await flush();
    expect(shown).toEqual([]);
    calls[1].resolve('fresh');
    await flush();
    expect(shown).toEqual([{ ok: true, value: 'fresh' }]);
  });

  it('reports a failed prediction and carries on with the next input', async () => {
    const { calls, work } = controlled();
    const shown: Answer<string>[] = [];
    const q = new LatestOnly(work, (a) => shown.push(a));
    q.submit(1);
    q.submit(2);
    calls[0].reject(new Error('model unloaded'));
    await flush();
    expect(shown[0]).toMatchObject({ ok: false });
    calls[1].resolve('two');
    await flush();
    expect(shown[1]).toEqual({ ok: true, value: 'two' });
    const throwing = new LatestOnly<number, string>(() => { throw new Error('sync'); }, (a) => shown.push(a));
    throwing.submit(1);
    await flush();
    expect(shown[2]).toMatchObject({ ok: false });
  });
});

describe('the top class', () => {
  it('is the largest probability, the first of equals', () => {
    expect(topIndex(Float32Array.from([0.1, 0.7, 0.2]))).toBe(1);
    expect(topIndex([0.5, 0.5])).toBe(0);
    expect(topIndex([])).toBe(-1);
  });
});
