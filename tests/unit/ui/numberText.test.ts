import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber, sameNumber, stepNumber } from '../../../src/ui/common/numberText';

describe('number field text', () => {
  it('reads a number only from text that spells one in full', () => {
    expect(parseNumber('1e-4')).toBe(1e-4);
    expect(parseNumber('3e-3')).toBe(0.003);
    expect(parseNumber('1e2')).toBe(100);
    expect(parseNumber(' -0.5 ')).toBe(-0.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('2.')).toBe(2);
    expect(parseNumber('1E+2')).toBe(100);
    // What a user has on the way to a number is not one yet: never 0, never the digits typed so far.
    for (const partial of ['', ' ', '1e', '1e-', '-', '+', '.', 'e4', 'abc', '1,5', '0x10', 'Infinity', '1e-4e', '--1']) {
      expect(parseNumber(partial), JSON.stringify(partial)).toBeNaN();
    }
  });

  it('reads full-width digits from a Chinese input method and the minus sign', () => {
    expect(parseNumber('１２．５')).toBe(12.5);
    expect(parseNumber('\u22123')).toBe(-3);
  });

  it('shows NaN as an empty field, and treats NaN as equal to itself', () => {
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(sameNumber(NaN, NaN)).toBe(true);
    expect(sameNumber(parseNumber('1e'), NaN)).toBe(true);
    expect(sameNumber(1, NaN)).toBe(false);
  });

  it('steps with the arrow keys without binary noise', () => {
    expect(stepNumber(0.1, 0.2)).toBe(0.3);
    expect(stepNumber(0.003, -0.0005)).toBe(0.0025);
  });
});
