import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/ui/model/format';

// Durations in the run table, the architecture table and the training progress, in the UI's language.
describe('durations', () => {
  it('reads as before in English', () => {
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(185_000, 'en')).toBe('3m 05s');
    expect(formatDuration(3_720_000, 'en')).toBe('1h 02m');
  });

  it('uses Chinese units in Chinese', () => {
    expect(formatDuration(12_400, 'zh')).toBe('12秒');
    expect(formatDuration(185_000, 'zh')).toBe('3分钟 05秒');
    expect(formatDuration(3_720_000, 'zh')).toBe('1小时 02分钟');
  });
});
