import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../src/engine/train/events';
import { mnistSessionOnCpu } from '../../helpers/mnist';
import { LINEAR_STACK } from '../../helpers/specs';

// SGD at learning rate 10 blows a stack of linear dense layers up within a few steps (each step multiplies
// the weights' scale): the run must stop itself, say where, and end with the weights from before the blow-up.
const mnist = mnistSessionOnCpu();

const config = {
  optimizer: { type: 'sgd', learningRate: 10 },
  batchSize: 32,
  epochs: 3,
  seed: 3,
  subsets: { train: 640, validation: 64, test: 200 },
};

describe('divergence', () => {
  it('stops at the first non-finite loss, reports the step and tests the last good weights', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    await mnist.session.train('mnist', LINEAR_STACK, config, (e) => events.push(e));
    const batches = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
    const done = events.at(-1);
    if (done?.kind !== 'done') throw new Error('no done event');
    expect(done.divergence).not.toBeNull();
    const { step, value } = done.divergence!;
    // Reported exactly where the loss first went bad, and nothing after it.
    expect(batches.at(-1)!.step).toBe(step);
    expect(batches.slice(0, -1).every((b) => Number.isFinite(b.loss))).toBe(true);
    expect(Number.isFinite(batches.at(-1)!.loss)).toBe(false);
    expect(String(batches.at(-1)!.loss)).toBe(value);
    // It stopped instead of training on for the 60 steps of three epochs.
    expect(step).toBeLessThan(20);
    expect(done.progress.step).toBeLessThan(60);
    // The tested model is the one from before the blow-up: its loss is a number.
    expect(done.stopped).toBe(false);
    expect(done.test).not.toBeNull();
    expect(Number.isFinite(done.test!.loss)).toBe(true);
    expect(done.test!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);
    expect(events.some((e) => e.kind === 'epoch' && !Number.isFinite(e.metrics.trainLoss))).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('watches the loss a run chose: a hinge run that blows up is stopped the same way', async () => {
    const events: TrainEvent[] = [];
    await mnist.session.train('mnist', LINEAR_STACK, { ...config, loss: 'hinge' }, (e) => events.push(e));
    const done = events.at(-1);
    if (done?.kind !== 'done') throw new Error('no done event');
    expect(done.divergence).not.toBeNull();
    const batches = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
    expect(Number.isFinite(batches.at(-1)!.loss)).toBe(false);
    expect(batches.slice(0, -1).every((b) => Number.isFinite(b.loss))).toBe(true);
    expect(Number.isFinite(done.test!.loss)).toBe(true);
  });

  it('leaves a healthy run alone', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    await mnist.session.train('mnist', LINEAR_STACK, { ...config, epochs: 1, optimizer: { type: 'sgd', learningRate: 0.01 } }, (e) =>
      events.push(e),
    );
    const done = events.at(-1);
    if (done?.kind !== 'done') throw new Error('no done event');
    expect(done.divergence).toBeNull();
    expect(events.flatMap((e) => (e.kind === 'batches' ? e.items : []))).toHaveLength(20);
    expect(done.test!.accuracy).toBeGreaterThan(0.2); // chance is 0.1
    expect(tf.memory().numTensors).toBe(before);
  });
});
