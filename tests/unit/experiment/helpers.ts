import { defaultAugmentation } from '../../../src/engine/augment/spec';
import i18next, { type TFunction } from 'i18next';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import { sayExperimentProblem } from '../../../src/i18n/experimentProblemText';
import type { Restored } from '../../../src/experiment/restore';
import { defaultExperiment, type Experiment } from '../../../src/experiment/spec';

export async function translator(lng: 'en' | 'zh'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return instance.t;
}

/** Every problem of a restore, as the English UI says it. */
export async function said(restored: Restored, lng: 'en' | 'zh' = 'en'): Promise<string[]> {
  const t = await translator(lng);
  return restored.problems.map((p) => sayExperimentProblem(t, p));
}

/** An experiment unlike the default in every setting, as a user could have made it. */
export function edited(): Experiment {
  const e = defaultExperiment();
  return {
    ...e,
    dataset: 'fashion-mnist',
    model: {
      preset: null,
      layers: [
        { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'elu' },
        { type: 'maxPool', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    training: {
      optimizer: { type: 'momentum', learningRate: 0.02, momentum: 0.8 },
      schedule: { type: 'step', everyEpochs: 2, factor: 0.25, warmupEpochs: 1 },
      loss: 'hinge',
      init: 'smallNormal',
      batchSize: 64,
      epochs: 5,
      seed: 7,
      subsets: { train: 500, validation: 100, test: 200 },
      l1: 0.0001,
      l2: 0.001,
      earlyStoppingPatience: 2,
      restoreBestWeights: false,
      augmentation: { ...defaultAugmentation('fashion-mnist'), enabled: true },
    },
    views: { pathsOpen: true, selectedLayer: 1, chartX: 'images', logLoss: true },
    classroom: { hidden: ['optimizer'], locked: ['model'] },
  };
}

