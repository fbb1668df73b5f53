import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { en } from '../../../src/i18n/en';
import { sayIssue } from '../../../src/i18n/issueText';
import { zh } from '../../../src/i18n/zh';

// What the model builder says about a value typed into a layer's number field. The field hands the
// analyzer Number(text): NaN when it is empty, 1e20 or 2^53 when a student leans on a key.

async function translator(lng: 'en' | 'zh'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return instance.t;
}

const conv = (over: Record<string, unknown>) => ({
  inputShape: [28, 28, 1],
  layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, ...over }, { type: 'flatten' }, { type: 'dense', units: 10 }],
});

async function say(spec: unknown): Promise<{ en: string[]; zh: string[] }> {
  const issues = analyzeModel(spec, 10).issues;
  const [tEn, tZh] = await Promise.all([translator('en'), translator('zh')]);
  return { en: issues.map((i) => sayIssue(tEn, i.text)), zh: issues.map((i) => sayIssue(tZh, i.text)) };
}

describe('number fields of a layer', () => {
  it('name the limit of a field for a huge value, once', async () => {
    for (const strides of [1e20, 2 ** 53, Number.MAX_VALUE]) {
      const said = await say(conv({ strides }));
      expect(said.en).toEqual(['layer 1 conv2d: stride must be at most 16']);
      expect(said.zh).toEqual(['第 1 层 conv2d：步长至多为 16']);
    }
    expect((await say(conv({ filters: -1e20 }))).en).toEqual(['layer 1 conv2d: filters must be at least 1']);
  });

  it('ask for a number when a field is empty', async () => {
    const said = await say(conv({ filters: NaN }));
    expect(said.en).toEqual(['layer 1 conv2d: enter a number for filters']);
    expect(said.zh).toEqual(['第 1 层 conv2d：请为卷积核个数输入一个数字']);
    const rate = await say({ inputShape: [28, 28, 1], layers: [{ type: 'flatten' }, { type: 'dropout', rate: NaN }, { type: 'dense', units: 10 }] });
    expect(rate.en).toEqual(['layer 2 dropout: enter a number for rate']);
  });
});
