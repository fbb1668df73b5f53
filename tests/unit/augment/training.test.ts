import { describe, expect, it } from 'vitest';
import { defaultAugmentation } from '../../../src/engine/augment/spec';
import type { BatchMetrics, TrainEvent } from '../../../src/engine/train/events';
import { mnistSessionOnCpu, SMALL_MNIST_CNN } from '../../helpers/mnist';
import { only } from './images';

// Augmentation inside real training (cpu backend, real MNIST): only training batches change, seeded.

const mnist = mnistSessionOnCpu();

const base = {
  optimizer: { type: 'sgd', learningRate: 0.1 },
  batchSize: 25,
  epochs: 1,
  seed: 5,
  subsets: { train: 100, validation: 100, test: 50 },
};

async function train(config: object) {
  const events: TrainEvent[] = [];
  const memory = await mnist.session.train('mnist', SMALL_MNIST_CNN, config, (e) => events.push(e));
  const batches: BatchMetrics[] = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
  const epochs = events.flatMap((e) => (e.kind === 'epoch' ? [e.metrics] : []));
  const done = events.at(-1);
  if (done?.kind !== 'done') throw new Error('the run did not finish');
  return { losses: batches.map((b) => b.loss), epochs, done, memory };
}

describe('augmentation in the trainer', () => {
  it('changes the training batches only: validation and test see the images as they are', async () => {
    // A learning rate of 1e-12 leaves the float32 weights unchanged, so validation and test measure the
    // same model with or without augmentation; erasing every whole image changes what training sees.
    const frozen = { ...base, optimizer: { type: 'sgd', learningRate: 1e-12 } };
    const plain = await train(frozen);
    const erased = await train({ ...frozen, augmentation: only({ cutout: { magnitude: 1 } }) });
    expect(erased.losses).not.toEqual(plain.losses);
    expect(erased.epochs[0].valLoss).toBe(plain.epochs[0].valLoss);
    expect(erased.done.test!.loss).toBe(plain.done.test!.loss);
    expect(erased.done.test!.accuracy).toBe(plain.done.test!.accuracy);
  });

  it('gives the same run twice for one seed, and a run without the field trains as one with augmentation off', async () => {
    const augmentation = { ...defaultAugmentation('mnist'), enabled: true };
    const a = await train({ ...base, augmentation });
    const b = await train({ ...base, augmentation });
    expect(b.losses).toEqual(a.losses);
    const none = await train(base);
    const off = await train({ ...base, augmentation: { ...augmentation, enabled: false } });
    expect(off.losses).toEqual(none.losses);
    // The first batch is augmented, so its loss differs from the plain run's (same initial weights).
    expect(a.losses[0]).not.toBe(none.losses[0]);
    expect(a.memory.tensorsAfter).toBe(a.memory.tensorsBefore);
  });

  it('refuses bad settings, naming the op and the bound', async () => {
    const bad = { ...defaultAugmentation('mnist'), enabled: true, rotation: { enabled: true, probability: 0.5, magnitude: 200 } };
    await expect(train({ ...base, augmentation: bad })).rejects.toThrow('augmentation.rotation.magnitude: rotation: the magnitude (the largest rotation in degrees) must be at most 180');
    const shift = { ...bad, rotation: defaultAugmentation('mnist').rotation, translation: { enabled: true, probability: 1.5, magnitude: 2.5 } };
    await expect(train({ ...base, augmentation: shift })).rejects.toThrow(/translation: the probability must be at most 1[\s\S]*translation: the magnitude \(the largest shift in pixels \(the padding\)\) must be a whole number/);
  });
});
