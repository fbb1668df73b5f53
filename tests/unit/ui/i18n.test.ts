import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { sayIssue } from '../../../src/i18n/issueText';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { ITEM_TYPES } from '../../../src/engine/spec/layers';
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
    for (const type of ITEM_TYPES) expect(en.layer[type]).toBeTruthy();
    for (const o of OPTIMIZER_TYPES) expect(en.optimizer[o]).toBeTruthy();
    for (const p of PRESETS) expect(en.preset[p.id]).toBeTruthy();
  });
});

describe('model problems in the UI language', () => {
  const bad: unknown[] = [
    { inputShape: [3, 3, 1], layers: [{ type: 'conv2d', filters: 4, kernelSize: 5 }, { type: 'flatten' }, { type: 'dense', units: 10 }] },
    { inputShape: [28, 28, 1], layers: [{ type: 'maxpool' }, { type: 'pool' }, { type: 'dense', units: 0, activation: 'swish' }] },
    { inputShape: [28, 28, 1], layers: [{ type: 'conv2d', filters: 2.5, kernelSize: 3, colour: 'red', size: 1 }, { type: 'dense', units: 84 }] },
    { inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'dense', units: 1 }] },
    { inputShape: [28, 'x', 1], layers: [{ type: 'dense', units: 10 }], extra: true },
    { inputShape: [2, 2, 1], layers: [{ type: 'avgPool', poolSize: 3 }, { type: 'conv2d', filters: 1, kernelSize: 1 }] },
    { inputShape: [28, 28, 1], layers: [] },
    ['not', 'a', 'spec'],
  ];
  const issues = bad.flatMap((spec) => analyzeModel(spec, 10).issues);

  it('renders every engine problem through i18next in English exactly as the engine words it', async () => {
    const t = await translator('en');
    expect(issues.length).toBeGreaterThan(12);
    for (const issue of issues) expect(sayIssue(t, issue.text)).toBe(issue.message);
  });

  it('says every problem in Chinese with nothing left untranslated', async () => {
    const t = await translator('zh');
    for (const issue of issues) {
      const said = sayIssue(t, issue.text);
      expect(said).not.toMatch(/\{\{|specIssues\.|layer \d|must be|expected one of/);
      expect(said).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

async function translator(lng: 'en' | 'zh'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return instance.t;
}
