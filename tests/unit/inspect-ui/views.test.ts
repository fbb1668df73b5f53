// The views inside the network rendered to HTML (react-dom/server, no browser): blocks, canvases and numbers
// for fixed fixtures. Canvases are drawn in effects, which a server render never runs; this checks structure.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../../../src/i18n';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { getPreset } from '../../../src/engine/spec/presets';
import { NetworkDiagram } from '../../../src/ui/inspect/NetworkDiagram';
import { FeatureMaps, MAX_CHANNELS } from '../../../src/ui/inspect/FeatureMaps';
import { Filters } from '../../../src/ui/inspect/Filters';
import { ConvExplainer } from '../../../src/ui/inspect/ConvExplainer';
import { OutputSizeWidget } from '../../../src/ui/inspect/OutputSizeWidget';
import { convFilters, explanation, inspection } from './fixtures';

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);
const noop = () => {};

describe('views inside the network', () => {
  beforeAll(() => i18n.changeLanguage('en'));
  afterAll(() => i18n.changeLanguage('en'));

  it('NetworkDiagram draws LeNet-5 as the input plus one block per layer, with the analyzer\'s shapes and parameters', () => {
    const analysis = analyzeModel(getPreset('lenet5').build([28, 28, 1], 10), 10);
    expect(analysis.ok).toBe(true);
    const html = renderToStaticMarkup(createElement(NetworkDiagram, { analysis, selected: 2, onSelect: noop }));
    expect(html).toContain('data-testid="network-diagram"');
    expect(all(html, /data-testid="diagram-block" data-layer="([^"]+)"/g)).toEqual(['input', '0', '1', '2', '3', '4', '5', '6', '7']);
    const shapes = all(html, /data-shape="([^"]+)"/g);
    expect(shapes).toEqual(['28×28×1', ...analysis.layers.map((l) => l.outputShape!.join('×'))]);
    expect(shapes).toEqual(['28×28×1', '28×28×6', '14×14×6', '10×10×16', '5×5×16', '400', '120', '84', '10']);
    expect(all(html, /data-params="(\d+)"/g).slice(1)).toEqual(analysis.layers.map((l) => String(l.params)));
    expect(html).toContain('>48,120 params<');
    expect(html).toContain('>Average pooling<');
    // Layers are keyboard buttons; the input is not; the selected one says so.
    expect(count(html, /role="button" tabindex="0"/g)).toBe(8);
    expect(count(html, /aria-pressed="true"/g)).toBe(1);
    expect(html).toMatch(/data-layer="2"[^>]*aria-pressed="true"/);
  });

  it('NetworkDiagram follows the builder: a broken layer is drawn with an unknown shape, not dropped', () => {
    const spec = getPreset('lenet5').build([28, 28, 1], 10);
    const broken = { ...spec, layers: [{ type: 'conv2d', filters: 6, kernelSize: 40 }, ...spec.layers.slice(1)] };
    const analysis = analyzeModel(broken, 10);
    const html = renderToStaticMarkup(createElement(NetworkDiagram, { analysis, selected: null, onSelect: noop }));
    expect(count(html, /data-testid="diagram-block"/g)).toBe(spec.layers.length + 1);
  });

  it('FeatureMaps: one canvas per channel (capped), bars for flat layers, a legend per layer, the probabilities', () => {
    const html = renderToStaticMarkup(createElement(FeatureMaps, { inspection, classNames: ['a', 'b', 'c'], selected: 1, onSelect: noop, onPick: noop }));
    expect(html).toContain('data-testid="feature-maps"');
    expect(count(html, /data-testid="fm-input-canvas"/g)).toBe(1);
    expect(all(html, /data-testid="fm-layer" data-layer="\d+" data-channels="(\d+)"/g)).toEqual(['2', String(MAX_CHANNELS), '0', '0']);
    expect(count(html, /data-testid="fm-channel"/g)).toBe(2 + MAX_CHANNELS);
    expect(count(html, /data-testid="fm-bars"/g)).toBe(2);
    expect(count(html, /<canvas/g)).toBe(1 + 2 + MAX_CHANNELS + 2);
    expect(html).toContain('The first 64 channels are shown; 6 more are hidden.');
    expect(all(html, /data-testid="fm-legend" data-min="([^"]+)"/g)).toEqual(['-1', '0', '0', '-2']);
    expect(all(html, /data-testid="fm-probability" data-class="(\d)"/g)).toEqual(['0', '1', '2']);
    expect(html).toContain('70.0%');
    // Only the conv layer's channels are pickable.
    expect(count(html, /pixel-canvas pickable/g)).toBe(2);
  });

  it('Filters: grey first layer one patch per filter, deeper layers one per input channel and filter, with stats', () => {
    const html = renderToStaticMarkup(createElement(Filters, { filters: convFilters, selected: null }));
    expect(html).toContain('data-testid="filters"');
    expect(count(html, /data-testid="filters-layer"/g)).toBe(2);
    expect(count(html, /data-testid="filter-patch"/g)).toBe(2 + 4 * 2);
    expect(count(html, /<canvas/g)).toBe(10);
    expect(html).toContain('min -0.5, max 0.8, mean 0.1');
    expect(count(html, /data-testid="filters-legend"/g)).toBe(2);
  });

  it('Filters: an RGB first layer is one colour patch per filter; caps say what is hidden', () => {
    const rgb = { layer: 0, shape: [3, 3, 3, 4] as [number, number, number, number], kernel: new Float32Array(108), bias: new Float32Array(4), min: 0, max: 0, mean: 0 };
    const wide = { layer: 2, shape: [3, 3, 20, 40] as [number, number, number, number], kernel: new Float32Array(9 * 800), bias: new Float32Array(40), min: 0, max: 0, mean: 0 };
    const html = renderToStaticMarkup(createElement(Filters, { filters: [rgb, wide], selected: 2 }));
    expect(count(html, /data-testid="filter-patch"/g)).toBe(4 + 32 * 16);
    expect(html).toContain('Shown: 32 of 40 filters, 16 of 20 input channels.');
  });

  it('ConvExplainer shows every step and that the output matches the feature map', () => {
    const html = renderToStaticMarkup(createElement(ConvExplainer, { explanation }));
    expect(html).toContain('data-testid="conv-explainer"');
    expect(count(html, /data-testid="explainer-channel"/g)).toBe(2);
    expect(count(html, /data-testid="explainer-products"/g)).toBe(2);
    expect(html).toContain('data-testid="explainer-sum" data-value="0.5"');
    expect(html).toContain('data-testid="explainer-output" data-value="0.75"');
    expect(html).toContain('data-testid="explainer-feature-map" data-value="0.75"');
    expect(html).toContain('data-agree="true"');
    const off = renderToStaticMarkup(createElement(ConvExplainer, { explanation: { ...explanation, featureMapValue: 0.5 } }));
    expect(off).toContain('data-agree="false"');
    expect(off).toContain('They differ by 0.25.');
    expect(renderToStaticMarkup(createElement(ConvExplainer, { explanation: null }))).toContain('Click a pixel');
  });

  it('OutputSizeWidget starts with LeNet\'s first convolution filled in', () => {
    const html = renderToStaticMarkup(createElement(OutputSizeWidget));
    expect(html).toContain('⌊(28 + 2·0 − 5) / 1⌋ + 1 = <strong>24</strong>');
  });

  it('has the same text in Chinese', async () => {
    await i18n.changeLanguage('zh');
    const html = renderToStaticMarkup(createElement(Filters, { filters: [], selected: null }));
    expect(html).toContain('这个模型没有卷积层。');
    await i18n.changeLanguage('en');
  });
});
