import { describe, expect, it } from 'vitest';
import { convOutputSize, poolOutputSize, samePadBefore, tfOutputSize } from '../../../src/engine/inspect/sizes';

// The formula widget's numbers: ⌊(n + 2p − k)/s⌋ + 1, or the reason there is none.

describe('output sizes', () => {
  it('follow ⌊(n + 2p − k)/s⌋ + 1', () => {
    expect(convOutputSize(28, 5, 1, 0)).toEqual({ ok: true, size: 24 });
    expect(convOutputSize(28, 3, 1, 1)).toEqual({ ok: true, size: 28 });
    expect(convOutputSize(28, 3, 2, 0)).toEqual({ ok: true, size: 13 });
    expect(convOutputSize(32, 5, 2, 2)).toEqual({ ok: true, size: 16 });
    expect(convOutputSize(5, 5, 3, 0)).toEqual({ ok: true, size: 1 });
    expect(convOutputSize(1, 3, 1, 1)).toEqual({ ok: true, size: 1 });
    expect(poolOutputSize(24, 2)).toEqual({ ok: true, size: 12 });
    expect(poolOutputSize(13, 2)).toEqual({ ok: true, size: 6 });
    expect(poolOutputSize(7, 3, 2)).toEqual({ ok: true, size: 3 });
  });

  it('say why there is no size', () => {
    expect(convOutputSize(4, 5, 1, 0)).toEqual({ ok: false, reason: 'the 5×5 kernel does not fit the padded input (n + 2p = 4)' });
    expect(convOutputSize(28, 3, 0, 0)).toEqual({ ok: false, reason: 'the stride s must be at least 1 (it is 0)' });
    expect(convOutputSize(28, 2.5, 1, 0)).toEqual({ ok: false, reason: 'the kernel size k must be a whole number (it is 2.5)' });
    expect(convOutputSize(28, 3, 1, -1)).toEqual({ ok: false, reason: 'the padding p must be at least 0 (it is -1)' });
    expect(convOutputSize(Number.NaN, 3, 1, 0).ok).toBe(false);
    expect(poolOutputSize(1, 2)).toEqual({ ok: false, reason: 'the 2×2 pooling window does not fit the padded input (n + 2p = 1)' });
  });

  it('give tfjs’s valid and same sizes, and where same padding starts', () => {
    expect(tfOutputSize(28, 3, 1, 'valid')).toEqual({ ok: true, size: 26 });
    expect(tfOutputSize(28, 3, 2, 'valid')).toEqual({ ok: true, size: 13 });
    expect(tfOutputSize(28, 3, 2, 'same')).toEqual({ ok: true, size: 14 });
    expect(tfOutputSize(7, 3, 2, 'same')).toEqual({ ok: true, size: 4 });
    expect(tfOutputSize(2, 5, 1, 'same')).toEqual({ ok: true, size: 2 }); // same always fits
    expect(tfOutputSize(2, 5, 1, 'valid').ok).toBe(false);
    expect(samePadBefore(7, 3, 2)).toBe(1); // total 2: 1 before, 1 after
    expect(samePadBefore(4, 4, 1)).toBe(1); // total 3: the odd one goes after
    expect(samePadBefore(28, 3, 2)).toBe(0); // total 1: all after
    expect(samePadBefore(6, 1, 2)).toBe(0);
  });
});
