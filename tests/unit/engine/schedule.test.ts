import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSchedule, learningRateFactor, scheduleSpecSchema } from '../../../src/engine/train/schedule';
import { createOptimizer, setLearningRate } from '../../../src/engine/train/optimizers';
import { defaultOptimizer, OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('learning-rate schedules', () => {
  const perEpoch = 100;
  const total = 300;

  it('cosine starts at the base rate, halves at mid-run and ends at the floor', () => {
    const cosine = scheduleSpecSchema.parse({ type: 'cosine', floor: 0.1 });
    expect(learningRateFactor(cosine, 0, perEpoch, total)).toBeCloseTo(1, 6);
    expect(learningRateFactor(cosine, 150, perEpoch, total)).toBeCloseTo(0.55, 6);
    expect(learningRateFactor(cosine, 300, perEpoch, total)).toBeCloseTo(0.1, 6);
  });

  it('step decay multiplies by the factor at each interval; exponential decays smoothly per epoch', () => {
    const step = scheduleSpecSchema.parse({ type: 'step', everyEpochs: 1, factor: 0.5 });
    expect([0, 99, 100, 250].map((s) => learningRateFactor(step, s, perEpoch, total))).toEqual([1, 1, 0.5, 0.25]);
    const exp = scheduleSpecSchema.parse({ type: 'exponential', factor: 0.25 });
    expect(learningRateFactor(exp, 50, perEpoch, total)).toBeCloseTo(0.5, 9);
  });

  it('warm-up ramps linearly, then the decay starts from the base rate', () => {
    const s = scheduleSpecSchema.parse({ type: 'cosine', warmupEpochs: 0.5 });
    expect(learningRateFactor(s, 0, perEpoch, total)).toBeCloseTo(1 / 50, 9);
    expect(learningRateFactor(s, 24, perEpoch, total)).toBeCloseTo(0.5, 9);
    expect(learningRateFactor(s, 50, perEpoch, total)).toBeCloseTo(1, 9);
    expect(learningRateFactor(defaultSchedule('constant'), 299, perEpoch, total)).toBe(1);
  });

  it('rejects impossible settings with the field named', () => {
    const r = scheduleSpecSchema.safeParse({ type: 'step', factor: 2 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('step factor must be at most 1');
  });

  it('a changed rate takes effect on the next step of every optimizer that has one', () => {
    for (const type of OPTIMIZER_TYPES) {
      const spec = defaultOptimizer(type);
      if (!('learningRate' in spec)) continue;
      const stepSize = (rate: number) => {
        const opt = createOptimizer(spec);
        setLearningRate(opt, rate);
        const w = tf.variable(tf.tensor1d([1]));
        opt.minimize(() => w.square().sum() as tf.Scalar, false, [w]);
        const moved = 1 - w.dataSync()[0];
        w.dispose();
        opt.dispose();
        return moved;
      };
      const small = stepSize(1e-4);
      const large = stepSize(1e-2);
      expect(large, type).toBeGreaterThan(small * 5);
    }
  });
});
