import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { LAYER_TYPES } from '../../../src/engine/spec/layers';
import { OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';
import { PRESETS } from '../../../src/engine/spec/presets';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

describe('UI text', () => {
  it('has every English key in Chinese, with the same placeholders', () => {
    const enKeys = keys(en);
    expect(keys(zh).sort()).toEqual([...enKeys].sort());
    const lookup = (o: object, k: string) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    for (const k of enKeys) expect(placeholders(lookup(zh, k)), k).toEqual(placeholders(lookup(en, k)));
  });

  it('names every layer type, optimizer and preset the engine offers', () => {
    for (const type of LAYER_TYPES) expect(en.layer[type]).toBeTruthy();
    for (const o of OPTIMIZER_TYPES) expect(en.optimizer[o]).toBeTruthy();
    for (const p of PRESETS) expect(en.preset[p.id]).toBeTruthy();
  });
});
