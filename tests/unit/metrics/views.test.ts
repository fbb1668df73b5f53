// The results views rendered to HTML (react-dom/server, no browser): what they show of small fixed
// evaluations. Interaction (clicks, loading images) needs a browser; this checks content and contracts.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../../src/i18n';
import type { ModelEvaluation } from '../../../src/engine/models/types';
import { evaluationMetrics } from '../../../src/engine/metrics/evaluationMetrics';
import { EvaluationViews } from '../../../src/ui/results/EvaluationViews';
import { ConfusionMatrix } from '../../../src/ui/results/ConfusionMatrix';
import { PerClassMetrics } from '../../../src/ui/results/PerClassMetrics';
import { RocCurves } from '../../../src/ui/results/RocCurves';
import { MistakesGallery } from '../../../src/ui/results/MistakesGallery';
import { CellImages } from '../../../src/ui/results/CellImages';
import { A, B, randomEvaluation } from './fixtures';

function evaluation(f: { labels: Uint8Array; probabilities: Float32Array; classes: number }, names?: string[]): ModelEvaluation {
  return {
    runId: 'run-1',
    split: 'subset',
    classNames: names ?? Array.from({ length: f.classes }, (_, c) => `class ${c}`),
    labels: f.labels,
    probabilities: f.probabilities,
    testIndices: Int32Array.from(f.labels, (_, i) => 100 + i),
    metrics: evaluationMetrics(f.labels, f.probabilities, f.classes),
    ms: 12,
  };
}

const noImages = () => new Promise<Uint8Array>(() => {});
// The four views as EvaluationViews composes them (it defers them to a background render, which a server
// render never gets to: there it shows its "computing" line, checked below).
const views = (e: ModelEvaluation) =>
  [
    createElement(ConfusionMatrix, { evaluation: e, onCell: () => {} }),
    createElement(PerClassMetrics, { evaluation: e }),
    createElement(RocCurves, { evaluation: e }),
    createElement(MistakesGallery, { evaluation: e, imageShape: [28, 28, 1], loadImages: noImages }),
  ]
    .map((el) => renderToStaticMarkup(el))
    .join('');
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

describe('results views', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('carry the contract test ids', async () => {
    await i18n.changeLanguage('en');
    const html = views(evaluation(A));
    for (const id of ['confusion-matrix', 'per-class-metrics', 'roc-curves', 'mistakes-gallery']) expect(html).toContain(`data-testid="${id}"`);
  });

  it('EvaluationViews first says it is computing, then renders the views in the background', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(createElement(EvaluationViews, { evaluation: evaluation(A), imageShape: [28, 28, 1], loadImages: noImages }));
    expect(html).toBe('<p class="muted">Computing the metrics…</p>');
  });

  it('fixture A: the matrix holds the counts, the never-predicted class shows "—" with its reason', async () => {
    await i18n.changeLanguage('en');
    const html = views(evaluation(A, ['zero', 'one', 'two']));
    // Confusion [1 1 0; 1 1 0; 1 1 0], cells row by row.
    expect(all(html, /data-testid="confusion-cell"[^>]*data-count="(\d+)"/g)).toEqual(['1', '1', '0', '1', '1', '0', '1', '1', '0']);
    expect(html).toContain('title="never predicted: precision is undefined"');
    // Precision of class 0 = 1/3 → 0.333; F1 2/5 → 0.400; macro precision 2/9 → 0.222; top-1 2/6 → 33.33%.
    expect(all(html, /data-testid="precision">([^<]*)</g).slice(0, 2)).toEqual(['0.333', '0.333']);
    expect(all(html, /data-testid="f1">([^<]*)</g)).toEqual(['0.400', '0.400', '0.000']);
    expect(html).toMatch(/data-testid="average-macro"[^]*?<td>0\.222<\/td>/);
    expect(html).toContain('data-testid="top1-accuracy">33.33%');
    expect(html).toContain('data-testid="top3-accuracy">100.00%');
    // Mistakes: 4 of 6, image 3 (test index 103) first; before the images arrive, placeholders.
    expect(html).toContain('4 of 6 test images are misclassified (66.67%).');
    expect(all(html, /data-testid="mistake"[^>]*data-test-index="(\d+)"/g)).toEqual(['103', '101', '104', '105']);
    // Each mistake with its 3 most probable classes.
    expect(html.match(/class="class-bar[ "]/g)).toHaveLength(12);
    // AUC of class 0 is 3/4.
    expect(html).toContain('AUC 0.750');
  });

  it('fixture B: classes without images show "—" for recall and AUC, and the row-normalised matrix has no row for them', async () => {
    await i18n.changeLanguage('en');
    const html = views(evaluation(B));
    expect(html.match(/title="no test images of this class: recall is undefined"/g)).toHaveLength(2);
    expect(html.match(/title="no test images of this class: AUC is undefined"/g)).toHaveLength(2);
    expect(html).toContain('title="neither among the test images nor predicted: F1 is undefined"');
    expect(html).toContain('Macro AUC (mean over 2 classes): 0.813');
  });

  it('supports sum to the number of images (2,000 random images)', async () => {
    await i18n.changeLanguage('en');
    const f = randomEvaluation(2000, 10, 9);
    const html = renderToStaticMarkup(createElement(PerClassMetrics, { evaluation: evaluation(f) }));
    const supports = all(html, /data-testid="support" data-value="(\d+)"/g).map(Number);
    expect(supports).toHaveLength(10);
    expect(supports.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('say everything in Chinese too', async () => {
    await i18n.changeLanguage('zh');
    const html = views(evaluation(A));
    expect(html).toContain('精确率');
    expect(html).toContain('从未被预测：精确率无定义');
    expect(html).toContain('混淆矩阵');
    expect(html).not.toMatch(/resultsViews\./);
  });

  it('caption a cell strip "true X → predicted Y (n images)"', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(
      createElement(CellImages, { trueName: '7', predictedName: '1', testIndices: Int32Array.from([4, 9]), images: new Uint8Array(2 * 4), imageShape: [2, 2, 1] }),
    );
    expect(html).toContain('true 7 → predicted 1 (2 images)');
    expect(all(html, /data-testid="cell-image" data-test-index="(\d+)"/g)).toEqual(['4', '9']);
  });
});
