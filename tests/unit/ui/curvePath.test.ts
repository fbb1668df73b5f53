import { describe, expect, it } from 'vitest';
import { schedulePath } from '../../../src/ui/training/curvePath';

describe('the schedule curve', () => {
  const cosine = { type: 'cosine', floor: 0, warmupEpochs: 0 } as const;

  it('draws from the full rate at the left to the floor at the right', () => {
    const path = schedulePath(cosine, 2, 313, 120, 36)!;
    expect(path.startsWith('M0.0,2.0')).toBe(true);
    expect(path).toMatch(/L119\.\d,34\.0$/); // the last step, at the floor
  });

  it('draws nothing, rather than a path with NaN in it, while a field is not a number', () => {
    expect(schedulePath(cosine, 2, NaN, 120, 36)).toBeNull(); // batch size empty
    expect(schedulePath(cosine, NaN, 313, 120, 36)).toBeNull(); // epochs empty
    expect(schedulePath(cosine, 0, 313, 120, 36)).toBeNull();
    expect(schedulePath({ ...cosine, floor: NaN }, 2, 313, 120, 36)).toBeNull();
    expect(schedulePath({ ...cosine, warmupEpochs: NaN }, 2, 313, 120, 36)).toBeNull();
    expect(schedulePath({ type: 'step', everyEpochs: 1, factor: NaN, warmupEpochs: 0 }, 2, 313, 120, 36)).toBeNull();
  });
});
