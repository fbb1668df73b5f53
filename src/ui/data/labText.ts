import type { Spread } from '../../engine/metrics/spread';

// How the data lab writes its figures: accuracies in percent, losses to three decimals, spreads as mean ± std.

export const percent = (v: number | null, digits = 1): string => (v === null ? '–' : `${(v * 100).toFixed(digits)} %`);
export const lossText = (v: number | null): string => (v === null ? '–' : v.toFixed(3));
export const spreadPercent = (s: Spread | null): string => (s ? `${(s.mean * 100).toFixed(1)} ± ${(s.std * 100).toFixed(1)} %` : '–');
export const spreadLoss = (s: Spread | null): string => (s ? `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}` : '–');
