import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import { overfitVariants } from '../../../src/state/overfittingRuns';
import { gapSeries } from '../../../src/ui/charts/gapSeries';

const request = {
  datasetId: 'mnist' as const,
  spec: { inputShape: [28, 28, 1] as [number, number, number], layers: [...getPreset('lenet-modern').build([28, 28, 1], 10).layers.slice(0, -1), { type: 'dropout' as const, rate: 0.2 }, { type: 'dense' as const, units: 10, activation: 'softmax' as const }] },
  base: { ...DEFAULT_TRAINING, l2: 0.01, earlyStoppingPatience: 3 },
  trainImages: 500,
  epochs: 20,
  numClasses: 10,
  trainCount: 60000,
};

describe('the overfitting lab’s comparison', () => {
  const v = Object.fromEntries(overfitVariants(request).map((x) => [x.kind, x]));

  it('trains every run on the same seed, validation and test images; the plain run has no regularisation at all', () => {
    for (const x of Object.values(v)) {
      expect(x.config.seed).toBe(42);
      expect(x.config.epochs).toBe(20);
      expect([x.config.subsets.validation, x.config.subsets.test]).toEqual([1000, 2000]);
    }
    expect(v.plain.spec.layers.some((l) => l.type === 'dropout')).toBe(false);
    expect([v.plain.config.l2, v.plain.config.earlyStoppingPatience, v.plain.config.augmentation.enabled, v.plain.config.subsets.train]).toEqual([0, 0, false, 500]);
  });

  it('changes one thing per run', () => {
    expect(v.dropout.spec.layers.at(-2)).toEqual({ type: 'dropout', rate: 0.5 });
    expect(v.dropout.spec.layers.length).toBe(v.plain.spec.layers.length + 1);
    expect(v.l2.config).toEqual({ ...v.plain.config, l2: 0.001 });
    expect(v.augmentation.config.augmentation.enabled).toBe(true);
    expect(v.moreData.config.subsets.train).toBe(2500);
    expect(v.underfit.spec.layers.map((l) => l.type)).toEqual(['flatten', 'dense', 'dense']);
  });

  it('refuses a subset the dataset cannot give, saying why', () => {
    expect(() => overfitVariants({ ...request, trainCount: 1200 })).toThrow('500 training images and the 1000 validation images exceed the 1200 of the training split');
  });
});

describe('the gap chart’s series', () => {
  it('shades between the two losses and marks the epoch of lowest validation loss (1-based)', () => {
    const s = gapSeries([
      { epoch: 0, trainLoss: 1.0, trainAccuracy: 0.6, valLoss: 0.9, valAccuracy: 0.7 },
      { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, valLoss: 0.6, valAccuracy: 0.8 },
      { epoch: 2, trainLoss: 0.2, trainAccuracy: 0.95, valLoss: 0.7, valAccuracy: 0.79 },
    ]);
    expect(s.points.map((p) => p.gap)).toEqual([[0.9, 1.0], [0.5, 0.6], [0.2, 0.7]]);
    expect([s.bestEpoch, s.bestLoss]).toEqual([2, 0.6]);
    expect(s.finalGap).toBeCloseTo(0.5, 12);
    expect(gapSeries([{ epoch: 0, trainLoss: 1, trainAccuracy: 0.5, valLoss: null, valAccuracy: null }]).bestEpoch).toBeNull();
  });
});
