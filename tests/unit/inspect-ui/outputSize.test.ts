import { describe, expect, it } from 'vitest';
import { outputSize } from '../../../src/ui/inspect/outputSize';

const conv = (n: number, k: number, s: number, p: number) => outputSize({ n, k, s, p, kind: 'conv' });

describe('outputSize', () => {
  it('computes ⌊(n + 2p − k) / s⌋ + 1', () => {
    expect(conv(28, 5, 1, 0)).toEqual({ ok: true, size: 24, numerator: 23, remainder: 0 });
    expect(conv(28, 5, 1, 2)).toMatchObject({ ok: true, size: 28 }); // 'same' padding for LeNet's C1
    expect(conv(32, 3, 2, 1)).toMatchObject({ ok: true, size: 16 });
    expect(conv(5, 5, 1, 0)).toMatchObject({ ok: true, size: 1 }); // the kernel fits exactly once
    expect(conv(1, 3, 1, 1)).toMatchObject({ ok: true, size: 1 }); // padding alone makes room
  });

  it('reports the input rows a stride leaves uncovered', () => {
    expect(conv(7, 2, 2, 0)).toEqual({ ok: true, size: 3, numerator: 5, remainder: 1 });
    expect(conv(10, 3, 4, 0)).toMatchObject({ size: 2, remainder: 3 });
  });

  it('pooling ignores the padding', () => {
    expect(outputSize({ n: 28, k: 2, s: 2, p: 5, kind: 'pool' })).toMatchObject({ ok: true, size: 14 });
    expect(outputSize({ n: 5, k: 3, s: 2, p: 1.5, kind: 'pool' })).toMatchObject({ ok: true, size: 2 });
    expect(outputSize({ n: 2, k: 3, s: 1, p: 1, kind: 'pool' })).toEqual({ ok: false, problem: 'kernelTooLarge', field: 'k' });
  });

  it('flags invalid settings with the field and reason', () => {
    expect(conv(3, 5, 1, 0)).toEqual({ ok: false, problem: 'kernelTooLarge', field: 'k' });
    expect(conv(3, 5, 1, 1)).toMatchObject({ ok: true, size: 1 }); // 3 + 2 − 5 = 0: fits once
    expect(conv(28, 5, 0, 0)).toEqual({ ok: false, problem: 'strideTooSmall', field: 's' });
    expect(conv(28, 5, -1, 0)).toMatchObject({ problem: 'strideTooSmall' });
    expect(conv(28, 0, 1, 0)).toEqual({ ok: false, problem: 'kTooSmall', field: 'k' });
    expect(conv(0, 1, 1, 0)).toEqual({ ok: false, problem: 'nTooSmall', field: 'n' });
    expect(conv(28, 5, 1, -1)).toEqual({ ok: false, problem: 'paddingNegative', field: 'p' });
  });

  it('refuses numbers that are not whole, NaN (a half-typed field) included', () => {
    expect(conv(28.5, 5, 1, 0)).toEqual({ ok: false, problem: 'notWhole', field: 'n' });
    expect(conv(28, 5, 1.5, 0)).toEqual({ ok: false, problem: 'notWhole', field: 's' });
    expect(conv(28, 5, 1, 0.5)).toEqual({ ok: false, problem: 'notWhole', field: 'p' });
    expect(conv(28, Number.NaN, 1, 0)).toEqual({ ok: false, problem: 'notWhole', field: 'k' });
    expect(conv(Infinity, 5, 1, 0)).toMatchObject({ problem: 'notWhole' });
  });
});
