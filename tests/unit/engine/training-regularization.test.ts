import { describe, expect, it } from 'vitest';
import { trainingConfigSchema } from '../../../src/engine/train/config';
import type { BatchMetrics, TrainEvent } from '../../../src/engine/train/events';
import { mnistSessionOnCpu, SMALL_MNIST_CNN } from '../../helpers/mnist';

// Weight decay and early stopping on a small real CNN and real MNIST (cpu backend, small subsets).
const spec = SMALL_MNIST_CNN;

const base = {
  optimizer: { type: 'sgd', learningRate: 0.2 },
  batchSize: 30,
  epochs: 2,
  seed: 11,
  subsets: { train: 300, validation: 100, test: 100 },
};

const mnist = mnistSessionOnCpu();

async function train(config: object) {
  const events: TrainEvent[] = [];
  const memory = await mnist.session.train('mnist', spec, config, (e) => events.push(e));
  const batches: BatchMetrics[] = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
  const epochs = events.flatMap((e) => (e.kind === 'epoch' ? [e.metrics] : []));
  const done = events.at(-1);
  if (done?.kind !== 'done') throw new Error('the run did not finish');
  return { batches, epochs, done, memory };
}

describe('weight decay', () => {
  it('is off by default: the defaults fill in 0 and the reported penalty is 0', async () => {
    const parsed = trainingConfigSchema.parse(base);
    expect(parsed).toMatchObject({ l1: 0, l2: 0, earlyStoppingPatience: 0 });
    const { batches } = await train({ ...base, epochs: 1 });
    expect(batches.every((b) => b.penalty === 0)).toBe(true);
  });

  it('L2 shrinks the kernels compared with (practically) none, from the same initial weights', async () => {
    // The reported penalty is l2·Σw² over the kernels, so penalty / l2 measures the kernels' squared norm.
    // l2 = 1e-9 changes no update measurably (it adds 2e-9·w to gradients of ~1e-2) but still reports Σw².
    const none = await train({ ...base, l2: 1e-9 });
    const decay = await train({ ...base, l2: 0.05 });
    const norm = (b: BatchMetrics, l2: number) => b.penalty! / l2;
    // Same seed, same initial weights: the first step sees the same kernels and the same data loss.
    expect(norm(decay.batches[0], 0.05)).toBeCloseTo(norm(none.batches[0], 1e-9), 2);
    expect(decay.batches[0].loss).toBeCloseTo(none.batches[0].loss, 6);
    // The charted loss is the data loss alone: the penalty is reported beside it, not added to it.
    expect(decay.batches[0].penalty).toBeGreaterThan(0.01);
    const last = (r: typeof none, l2: number) => norm(r.batches.at(-1)!, l2);
    expect(last(decay, 0.05)).toBeLessThan(0.8 * last(none, 1e-9));
    expect(last(decay, 0.05)).toBeLessThan(norm(decay.batches[0], 0.05)); // smaller than at the start, too
    // Both still learn, and nothing leaks.
    expect(decay.done.test!.accuracy).toBeGreaterThan(0.3); // chance is 0.1
    expect(decay.memory.tensorsAfter).toBe(decay.memory.tensorsBefore);
  });

  it('L1 shrinks the kernels’ absolute sum', async () => {
    const none = await train({ ...base, l1: 1e-9 });
    const decay = await train({ ...base, l1: 0.01 });
    const sum = (r: typeof none, l1: number, i: number) => r.batches.at(i)!.penalty! / l1;
    expect(sum(decay, 0.01, 0)).toBeCloseTo(sum(none, 1e-9, 0), 0);
    expect(sum(decay, 0.01, -1)).toBeLessThan(0.8 * sum(none, 1e-9, -1));
  });

  it('rejects bad values with the field and the reason', async () => {
    await expect(mnist.session.train('mnist', spec, { ...base, l2: -0.1 }, () => {})).rejects.toThrow('l2: L2 weight decay must be at least 0 (0 turns it off)');
    await expect(mnist.session.train('mnist', spec, { ...base, l1: 2 }, () => {})).rejects.toThrow('l1: L1 weight decay must be at most 1');
  });
});

describe('early stopping', () => {
  it('stops when the validation loss stops improving, and says so', async () => {
    // A learning rate of 1e-12 leaves float32 weights unchanged, so the validation loss repeats exactly and
    // never improves after epoch 0: with patience 2 the run ends after epoch 2 of 10.
    const tiny = { ...base, subsets: { train: 100, validation: 100, test: 100 } };
    const { epochs, done, memory } = await train({ ...tiny, optimizer: { type: 'sgd', learningRate: 1e-12 }, epochs: 10, earlyStoppingPatience: 2 });
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(epochs[1].valLoss).toBe(epochs[0].valLoss);
    expect(done.stopped).toBe(false); // not stopped by the user: it is tested as usual
    expect(done.earlyStop).toEqual({ epoch: 2, bestEpoch: 0, bestValLoss: epochs[0].valLoss, patience: 2 });
    expect(done.test).not.toBeNull();
    expect(done.progress.epoch).toBe(2);
    // Keras's restore_best_weights, on by default: the model (tested and kept) is epoch 0's.
    expect(done.weightsFrom).toEqual({ epoch: 0, source: 'best' });
    expect(memory.tensorsAfter).toBe(memory.tensorsBefore);
    const last = await train({ ...tiny, optimizer: { type: 'sgd', learningRate: 1e-12 }, epochs: 10, earlyStoppingPatience: 2, restoreBestWeights: false });
    expect(last.done.weightsFrom).toEqual({ epoch: 2, source: 'last' });
  });

  it('ends with the best epoch’s weights: the test loss is the one the best validation epoch gives', async () => {
    // SGD at 2 overshoots on this CNN, so validation loss goes up and down; whichever epoch is best, the
    // kept model must score like that epoch, not like the last one.
    const cfg = { ...base, optimizer: { type: 'sgd', learningRate: 2 }, batchSize: 50, subsets: { train: 500, validation: 500, test: 500 }, epochs: 6, earlyStoppingPatience: 6 };
    const restored = await train(cfg);
    const lastOnes = await train({ ...cfg, restoreBestWeights: false });
    const best = restored.epochs.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a));
    expect(restored.done.weightsFrom).toEqual({ epoch: best.epoch, source: 'best' });
    if (best.epoch < restored.epochs.length - 1) expect(restored.done.test!.loss).not.toBe(lastOnes.done.test!.loss);
    else expect(restored.done.test!.loss).toBe(lastOnes.done.test!.loss);
    expect(restored.memory.tensorsAfter).toBe(restored.memory.tensorsBefore);
  });

  it('lets an improving run train to the end', async () => {
    const { epochs, done } = await train({ ...base, batchSize: 50, subsets: { train: 500, validation: 100, test: 100 }, epochs: 3, earlyStoppingPatience: 1 });
    // With SGD at 0.2 on this CNN the validation loss falls every epoch (checked below), so no stop.
    expect(epochs[1].valLoss!).toBeLessThan(epochs[0].valLoss!);
    expect(epochs[2].valLoss!).toBeLessThan(epochs[1].valLoss!);
    expect(epochs).toHaveLength(3);
    expect(done.earlyStop).toBeNull();
  });

  it('needs a validation subset to watch', () => {
    const result = trainingConfigSchema.safeParse({ ...base, subsets: { train: 300, validation: 0, test: 100 }, earlyStoppingPatience: 3 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['earlyStoppingPatience'], message: expect.stringMatching(/validation subset/) });
    expect(trainingConfigSchema.safeParse({ ...base, earlyStoppingPatience: 1.5 }).error!.issues[0].message).toBe(
      'early-stopping patience must be a whole number of epochs',
    );
  });
});
