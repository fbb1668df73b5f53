import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, trainingConfigSchema, type TrainingConfig } from '../../../src/engine/train/config';
import { configProblems, schemaProblems } from '../../../src/engine/train/configProblems';
import { defaultOptimizer, optimizerSpecSchema, OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';
import { defaultSchedule, SCHEDULE_TYPES } from '../../../src/engine/train/schedule';

const MNIST = { trainCount: 60000, testCount: 10000 };
const config = (patch: Partial<TrainingConfig>): TrainingConfig => ({ ...DEFAULT_TRAINING, ...patch });
const adam = (patch: Record<string, number>) => config({ optimizer: { ...DEFAULT_TRAINING.optimizer, ...patch } as TrainingConfig['optimizer'] });

describe('problems of a training config, by field', () => {
  it('finds none in the defaults, with or without a dataset', () => {
    expect(configProblems(DEFAULT_TRAINING)).toEqual({});
    expect(configProblems(DEFAULT_TRAINING, MNIST)).toEqual({});
  });

  it('says "not a number" for NaN (a field left empty or half-typed), never a bound', () => {
    expect(configProblems(adam({ learningRate: NaN }))).toEqual({ 'optimizer.learningRate': { code: 'notNumber' } });
    expect(configProblems(config({ batchSize: NaN }))).toEqual({ batchSize: { code: 'notNumber' } });
    expect(configProblems(config({ l2: Infinity }))).toEqual({ l2: { code: 'notNumber' } });
  });

  it('names the bound a real number broke, and whether the bound itself is allowed', () => {
    expect(configProblems(adam({ learningRate: 0 }))['optimizer.learningRate']).toEqual({ code: 'greaterThan', params: { bound: 0 } });
    expect(configProblems(adam({ learningRate: 100 }))['optimizer.learningRate']).toEqual({ code: 'atMost', params: { bound: 10 } });
    expect(configProblems(adam({ beta1: 1 }))['optimizer.beta1']).toEqual({ code: 'lessThan', params: { bound: 1 } });
    expect(configProblems(adam({ beta2: -0.5 }))['optimizer.beta2']).toEqual({ code: 'atLeast', params: { bound: 0 } });
    expect(configProblems(config({ l1: 2 })).l1).toEqual({ code: 'atMost', params: { bound: 1 } });
  });

  it('gives a whole-number field its whole range, whichever end was missed', () => {
    const range = { code: 'wholeRange', params: { min: 1, max: 4096 } };
    for (const batchSize of [0, 2.5, 5000]) expect(configProblems(config({ batchSize })).batchSize).toEqual(range);
    expect(configProblems(config({ epochs: 501 })).epochs).toEqual({ code: 'wholeRange', params: { min: 1, max: 500 } });
    expect(configProblems(config({ seed: -1 })).seed).toEqual({ code: 'wholeRange', params: { min: 0, max: 2 ** 31 - 1 } });
    expect(configProblems(config({ earlyStoppingPatience: 1.5 })).earlyStoppingPatience).toEqual({ code: 'wholeRange', params: { min: 0, max: 100 } });
  });

  it('keeps one problem per field, each under its own path', () => {
    const problems = configProblems(config({ optimizer: { type: 'sgd', learningRate: -1 }, batchSize: NaN, epochs: 0 }));
    expect(Object.keys(problems).sort()).toEqual(['batchSize', 'epochs', 'optimizer.learningRate']);
  });

  it('says the rules between fields with their own codes', () => {
    const noValidation = config({ earlyStoppingPatience: 2, subsets: { train: 1000, validation: 0, test: 100 } });
    expect(configProblems(noValidation)).toEqual({ earlyStoppingPatience: { code: 'patienceNeedsValidation' } });
    // A rule is checked as soon as the fields it reads are valid, not only once every other field is.
    expect(configProblems({ ...noValidation, batchSize: NaN, optimizer: { type: 'sgd', learningRate: -1 } })).toEqual({
      batchSize: { code: 'notNumber' },
      'optimizer.learningRate': { code: 'greaterThan', params: { bound: 0 } },
      earlyStoppingPatience: { code: 'patienceNeedsValidation' },
    });
    expect(configProblems({ ...noValidation, subsets: { train: 1000, validation: NaN, test: 100 } })).toEqual({ 'subsets.validation': { code: 'notNumber' } });
    const rprop = (patch: Record<string, number>) => config({ optimizer: { ...defaultOptimizer('rprop'), ...patch } as TrainingConfig['optimizer'] });
    expect(configProblems(rprop({ initialStep: 1e-9 }))).toEqual({ 'optimizer.initialStep': { code: 'initialStepBelowMin' } });
    expect(configProblems(rprop({ initialStep: 60 }))).toEqual({ 'optimizer.initialStep': { code: 'initialStepAboveMax' } });
    expect(configProblems(rprop({ initialStep: 40, maxStep: 30 }))).toEqual({ 'optimizer.initialStep': { code: 'initialStepAboveMax' } });
    expect(configProblems(rprop({ initialStep: 1e-9, etaPlus: 0 }))).toEqual({
      'optimizer.etaPlus': { code: 'greaterThan', params: { bound: 1 } },
      'optimizer.initialStep': { code: 'initialStepBelowMin' },
    });
    expect(configProblems(rprop({ initialStep: 1e-9, minStep: NaN }))).toEqual({ 'optimizer.minStep': { code: 'notNumber' } });
  });

  it('refuses subsets the loaded dataset cannot fill (the engine would throw only after a run was made)', () => {
    const subsets = (train: number, validation: number, test: number) => config({ subsets: { train, validation, test } });
    expect(configProblems(subsets(10000, 1000, 20000))).toEqual({}); // no dataset yet: nothing to compare with
    expect(configProblems(subsets(10000, 1000, 20000), MNIST)).toEqual({ 'subsets.test': { code: 'wholeRange', params: { min: 1, max: 10000 } } });
    expect(configProblems(subsets(10000, 1000, 0), MNIST)).toEqual({ 'subsets.test': { code: 'wholeRange', params: { min: 1, max: 10000 } } });
    expect(configProblems(subsets(70000, 0, 100), MNIST)).toEqual({ 'subsets.train': { code: 'wholeRange', params: { min: 10, max: 60000 } } });
    expect(configProblems(subsets(10000, 55000, 100), MNIST)).toEqual({ 'subsets.validation': { code: 'trainAndValidationExceed', params: { count: 60000 } } });
    expect(configProblems(subsets(5, 0, 100))).toEqual({ 'subsets.train': { code: 'wholeAtLeast', params: { min: 10 } } });
  });

  it('has no problems exactly when the schema accepts the config', () => {
    const samples: TrainingConfig[] = [];
    for (const type of OPTIMIZER_TYPES) samples.push(config({ optimizer: defaultOptimizer(type) }));
    for (const type of SCHEDULE_TYPES) samples.push(config({ schedule: defaultSchedule(type) }));
    for (const base of [...samples]) {
      for (const [key, value] of Object.entries(base.optimizer) as [string, number][]) {
        if (key === 'type') continue;
        for (const bad of [NaN, -1, 0, 1, 2, 1e9, value * 1.5]) samples.push({ ...base, optimizer: { ...base.optimizer, [key]: bad } as TrainingConfig['optimizer'] });
      }
      for (const key of Object.keys(base.schedule).filter((k) => k !== 'type')) {
        for (const bad of [NaN, -1, 0, 2, 1e9]) samples.push({ ...base, schedule: { ...base.schedule, [key]: bad } as TrainingConfig['schedule'] });
      }
    }
    for (const sample of samples) {
      const problems = configProblems(sample);
      expect(Object.keys(problems).length === 0, JSON.stringify(sample)).toBe(trainingConfigSchema.safeParse(sample).success);
      for (const problem of Object.values(problems)) expect(problem.code).not.toBe('invalid');
    }
  });

  it('works on any schema: an optimizer alone, as the paths panel checks it', () => {
    expect(schemaProblems(optimizerSpecSchema, { type: 'sgd', learningRate: NaN })).toEqual({ learningRate: { code: 'notNumber' } });
    expect(schemaProblems(optimizerSpecSchema, { type: 'momentum', learningRate: 0.1, momentum: 1 })).toEqual({ momentum: { code: 'lessThan', params: { bound: 1 } } });
  });
});
