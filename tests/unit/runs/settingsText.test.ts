import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { listText } from '../../../src/ui/common/listText';
import { runRow } from '../../../src/ui/runs/runRows';
import { settingsText } from '../../../src/ui/runs/settingsText';
import { finishedRun } from './makeRun';

// The run table's settings cell in the UI's language: labels, not config field names, and the language's
// own list separator (found by the lesson walkthrough: "…, restoreBestWeights true" in the Chinese UI).

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng: 'en', interpolation: { escapeValue: false } });

describe('run settings text', () => {
  it('lists the settings under their labels, in English and in Chinese', () => {
    const plain = runRow(finishedRun({ config: { l2: 0.03 } }));
    const enText = settingsText(i18n.getFixedT('en'), plain, 'en');
    expect(enText).toBe('learning rate 0.003, β₁ 0.9, β₂ 0.999, ε 1e-7, Cosine decay, L2 weight decay 0.03');
    const zhText = settingsText(i18n.getFixedT('zh'), plain, 'zh');
    expect(zhText).toContain('、L2 权重衰减 0.03');
    expect(zhText).not.toMatch(/, |restoreBestWeights/);
  });

  it('names early stopping and keeping the best epoch only when early stopping is on', () => {
    expect(settingsText(i18n.getFixedT('en'), runRow(finishedRun()), 'en')).not.toMatch(/best|restore/i);
    const early = settingsText(i18n.getFixedT('en'), runRow(finishedRun({ config: { earlyStoppingPatience: 3 } })), 'en');
    expect(early).toMatch(/Early-stopping patience \(epochs\) 3, Keep the best epoch$/);
  });

  it('joins lists with the language\'s separator', () => {
    expect(listText(['a', 'b', 'c'], 'en')).toBe('a, b, c');
    expect(listText(['甲', '乙', '丙'], 'zh')).toBe('甲、乙、丙');
  });
});
