import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import { configProblems } from '../../../src/engine/train/configProblems';
import { defaultOptimizer, OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';
import { defaultSchedule, SCHEDULE_TYPES } from '../../../src/engine/train/schedule';
import { en } from '../../../src/i18n/en';
import { fieldError, sayFieldProblem } from '../../../src/i18n/fieldProblemText';
import { zh } from '../../../src/i18n/zh';

async function translator(lng: 'en' | 'zh'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng, interpolation: { escapeValue: false } });
  return instance.t;
}

const MNIST = { trainCount: 60000, testCount: 10000 };
const config = (patch: Partial<TrainingConfig>): TrainingConfig => ({ ...DEFAULT_TRAINING, ...patch });
const adam = (patch: Record<string, number>) => config({ optimizer: { ...DEFAULT_TRAINING.optimizer, ...patch } as TrainingConfig['optimizer'] });

/** Every number field the training and dataset panels show, for each optimizer and schedule. */
function everyFieldPath(): string[] {
  const paths = new Set(['batchSize', 'epochs', 'seed', 'l1', 'l2', 'earlyStoppingPatience', 'subsets.train', 'subsets.validation', 'subsets.test']);
  for (const type of OPTIMIZER_TYPES) for (const key of Object.keys(defaultOptimizer(type))) if (key !== 'type') paths.add(`optimizer.${key}`);
  for (const type of SCHEDULE_TYPES) for (const key of Object.keys(defaultSchedule(type))) if (key !== 'type') paths.add(`schedule.${key}`);
  return [...paths];
}

describe('field problems in the UI language', () => {
  it('says each problem in English, naming the field and its bounds', async () => {
    const t = await translator('en');
    const say = (c: TrainingConfig, path: string) => fieldError(t, configProblems(c, MNIST), path);
    expect(say(adam({ learningRate: 0 }), 'optimizer.learningRate')).toBe('the learning rate must be greater than 0');
    expect(say(adam({ learningRate: NaN }), 'optimizer.learningRate')).toBe('enter a number');
    expect(say(adam({ beta1: 1 }), 'optimizer.beta1')).toBe('β₁ must be less than 1');
    expect(say(config({ batchSize: 0 }), 'batchSize')).toBe('the batch size must be a whole number from 1 to 4,096');
    expect(say(config({ seed: 0.5 }), 'seed')).toBe('the seed must be a whole number from 0 to 2,147,483,647');
    expect(say(config({ subsets: { train: 10000, validation: 1000, test: 20000 } }), 'subsets.test')).toBe('the test subset must be a whole number from 1 to 10,000');
    expect(say(config({ subsets: { train: 10000, validation: 55000, test: 100 } }), 'subsets.validation')).toBe(
      'the training and validation subsets together exceed the 60,000 training images',
    );
    expect(say(config({ schedule: { type: 'step', everyEpochs: 0, factor: 0.5, warmupEpochs: 0 } }), 'schedule.everyEpochs')).toBe('the step interval in epochs must be at least 0.01');
    expect(say(config({ earlyStoppingPatience: 101 }), 'earlyStoppingPatience')).toBe('the early-stopping patience must be a whole number from 0 to 100');
    expect(say(DEFAULT_TRAINING, 'batchSize')).toBeNull();
  });

  it('says the same problems in Chinese', async () => {
    const t = await translator('zh');
    const say = (c: TrainingConfig, path: string) => fieldError(t, configProblems(c, MNIST), path);
    expect(say(adam({ learningRate: 0 }), 'optimizer.learningRate')).toBe('学习率必须大于 0');
    expect(say(config({ batchSize: NaN }), 'batchSize')).toBe('请输入一个数');
    expect(say(config({ batchSize: 5000 }), 'batchSize')).toBe('批大小必须是 1 到 4,096 之间的整数');
    expect(say(config({ subsets: { train: 10000, validation: 1000, test: 20000 } }), 'subsets.test')).toBe('测试子集必须是 1 到 10,000 之间的整数');
  });

  it('has a label for every field and a sentence for every problem any field can have, in both languages', async () => {
    const translators = { en: await translator('en'), zh: await translator('zh') };
    let said = 0;
    for (const path of everyFieldPath()) {
      const field = path.split('.').at(-1)!;
      expect(en.fieldErrors.label, path).toHaveProperty(field);
      for (const bad of [NaN, -1, 0, 0.5, 1, 1e9]) {
        const [group, key] = path.includes('.') ? path.split('.') : [path, undefined];
        let c: TrainingConfig = DEFAULT_TRAINING;
        if (group === 'optimizer' || group === 'schedule') {
          const type = OPTIMIZER_TYPES.find((o) => key! in defaultOptimizer(o));
          const base = group === 'optimizer' ? defaultOptimizer(type!) : defaultSchedule(SCHEDULE_TYPES.find((s) => key! in defaultSchedule(s))!);
          c = config({ [group]: { ...base, [key!]: bad } });
        } else if (group === 'subsets') c = config({ subsets: { ...DEFAULT_TRAINING.subsets, [key!]: bad } });
        else c = config({ [group]: bad });
        const problem = configProblems(c, MNIST)[path];
        if (!problem) continue;
        for (const t of Object.values(translators)) {
          const text = sayFieldProblem(t, path, problem);
          expect(text, `${path}=${bad}`).not.toMatch(/\{\{|fieldErrors\.|undefined|NaN/);
        }
        const chinese = sayFieldProblem(translators.zh, path, problem);
        if (problem.code !== 'notNumber') expect(chinese, `${path}=${bad}`).not.toMatch(/must|whole|the /);
        said++;
      }
    }
    expect(said).toBeGreaterThan(60);
  });
});
