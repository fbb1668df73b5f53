import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { trainingConfigSchema, type TrainingConfig } from '../../../src/engine/train/config';
import { evaluate } from '../../../src/engine/train/evaluate';
import type { EpochMetrics, TrainEvent } from '../../../src/engine/train/events';
import { batchLoss, lossPerImage } from '../../../src/engine/train/losses';
import { LOSS_TYPES, type LossType } from '../../../src/engine/train/lossSpec';
import { TrainingRun, type LabelledImages, type TrainingData } from '../../../src/engine/train/trainer';

// The three losses a run may minimise: each against values worked out by hand on a tiny batch, the same
// function in training (whole steps, steps in parts, SCG) and evaluation, and each one trains.

// Two images, three classes: the model's scores (before the softmax) and the true classes.
const SCORES = [
  [2, 1.5, 0],
  [0, 1, 3],
];
const LABELS = [0, 1];

/** Worked out with plain arithmetic, independent of tfjs. */
const softmax = (s: number[]) => {
  const e = s.map(Math.exp);
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};
const HAND: Record<LossType, number[]> = {
  // −log softmax(s)[y]
  crossEntropy: SCORES.map((s, i) => -Math.log(softmax(s)[LABELS[i]])),
  // mean over the 3 classes of (p − one-hot)²
  mse: SCORES.map((s, i) => softmax(s).reduce((a, p, k) => a + (p - (k === LABELS[i] ? 1 : 0)) ** 2, 0) / 3),
  // Σ over wrong classes of max(0, 1 + s_j − s_y): image 1: max(0, 1 + 1.5 − 2) + max(0, 1 + 0 − 2) = 0.5;
  // image 2: max(0, 1 + 0 − 1) + max(0, 1 + 3 − 1) = 3.
  hinge: [0.5, 3],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the losses on a batch of 2 images and 3 classes', () => {
  it('gives the hinge values worked out in the comment', () => {
    expect(HAND.hinge).toEqual([0.5, 3]);
    // And cross-entropy's first image by hand: log(e² + e^1.5 + 1) − 2.
    expect(HAND.crossEntropy[0]).toBeCloseTo(Math.log(Math.exp(2) + Math.exp(1.5) + 1) - 2, 12);
  });

  it.each(LOSS_TYPES)('%s: per image, mean and sum equal the hand-computed values', (type) => {
    const scores = tf.tensor2d(SCORES);
    const oneHot = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3);
    const each = Array.from(lossPerImage(type, oneHot, scores).dataSync());
    each.forEach((v, i) => expect(v).toBeCloseTo(HAND[type][i], 5));
    const mean = (HAND[type][0] + HAND[type][1]) / 2;
    expect(batchLoss(type, oneHot, scores).dataSync()[0]).toBeCloseTo(mean, 5);
    expect(batchLoss(type, oneHot, scores, 'sum').dataSync()[0]).toBeCloseTo(2 * mean, 5);
    tf.dispose([scores, oneHot]);
  });

  it('hinge costs nothing once the true class leads by the margin, and stays finite where softmax saturates', () => {
    const oneHot = tf.oneHot(tf.tensor1d([2], 'int32'), 3);
    expect(batchLoss('hinge', oneHot, tf.tensor2d([[0, 0.5, 1.5]])).dataSync()[0]).toBe(0);
    for (const type of LOSS_TYPES) {
      const huge = batchLoss(type, oneHot, tf.tensor2d([[1e4, -1e4, 0]])).dataSync()[0];
      expect(Number.isFinite(huge)).toBe(true);
    }
  });

  it.each(LOSS_TYPES)('%s: the gradient with respect to the scores is finite and points the right way', (type) => {
    const oneHot = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 3);
    const grad = tf.grad((s: tf.Tensor) => batchLoss(type, oneHot, s))(tf.tensor2d(SCORES));
    const g = grad.arraySync() as number[][];
    // Raising the second image's true score (class 1) lowers every loss.
    expect(g[1][1]).toBeLessThan(0);
    expect(g.flat().every(Number.isFinite)).toBe(true);
  });
});

// Learnable images: class k is bright in band k of the rows, dim noise elsewhere.
function bands(count: number, seed: number): LabelledImages {
  const images = new Uint8Array(count * 64);
  const labels = new Uint8Array(count);
  let state = seed;
  const noise = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24) % 90;
  for (let n = 0; n < count; n++) {
    const label = (n * 7 + seed) % 3;
    labels[n] = label;
    for (let p = 0; p < 64; p++) {
      const row = Math.floor(p / 8);
      images[n * 64 + p] = Math.floor(row / 3) === label ? 200 + (noise() % 50) : noise();
    }
  }
  return { images, labels };
}

const SPEC: ModelSpec = {
  inputShape: [8, 8, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
};
const DATA: TrainingData = { imageShape: [8, 8, 1], numClasses: 3, train: bands(96, 1), validation: bands(30, 2), test: bands(30, 3) };

const configFor = (loss: LossType, extra: Record<string, unknown> = {}): TrainingConfig =>
  trainingConfigSchema.parse({
    optimizer: { type: 'adam', learningRate: 0.01 },
    loss,
    batchSize: 16,
    epochs: 6,
    seed: 3,
    subsets: { train: 96, validation: 30, test: 30 },
    ...extra,
  });

async function train(config: TrainingConfig, parts: ConstructorParameters<typeof TrainingRun>[6] = {}) {
  const events: TrainEvent[] = [];
  const run = new TrainingRun(SPEC, config, DATA, (e) => events.push(e), false, null, parts);
  await run.done;
  const batches = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
  const epochs = events.flatMap((e) => (e.kind === 'epoch' ? [e.metrics] : [])) as EpochMetrics[];
  const done = events.find((e) => e.kind === 'done');
  return { batches, epochs, test: done && done.kind === 'done' ? done.test : null };
}

/** The loss of the freshly built model on all training images, computed here without the trainer. */
function initialLoss(type: LossType, config: TrainingConfig): number {
  const model = buildModel(SPEC, { seed: config.seed, init: config.init });
  const value = tf.tidy(() => {
    const x = tf.tensor4d(DATA.train.images, [96, 8, 8, 1], 'int32').toFloat().div(255);
    const y = tf.oneHot(tf.tensor1d(DATA.train.labels, 'int32'), 3);
    return batchLoss(type, y, model.apply(x, { training: true }) as tf.Tensor).dataSync()[0];
  });
  model.dispose();
  return value;
}

describe('training with each loss', () => {
  it.each(LOSS_TYPES)('%s: a tiny run lowers its loss and learns the classes', async (type) => {
    const { epochs, test } = await train(configFor(type));
    expect(epochs).toHaveLength(6);
    expect(epochs[5].trainLoss).toBeLessThan(epochs[0].trainLoss * 0.7);
    expect(epochs[5].valLoss!).toBeLessThan(epochs[0].valLoss!);
    expect(test!.accuracy).toBeGreaterThan(0.8);
  }, 60_000);

  it.each(LOSS_TYPES)('%s: the first reported loss is this loss of the untrained model, whole step, in parts, and under SCG', async (type) => {
    // One batch of all 96 images, so its loss does not depend on the shuffled order.
    const expected = initialLoss(type, configFor(type));
    const whole = await train(configFor(type, { batchSize: 96, epochs: 1 }));
    const split = await train(configFor(type, { batchSize: 96, epochs: 1 }), { size: 25 });
    const scg = await train(configFor(type, { batchSize: 96, epochs: 1, optimizer: { type: 'scg' } }));
    for (const run of [whole, split, scg]) expect(run.batches[0].loss).toBeCloseTo(expected, 4);
  }, 60_000);

  it.each(LOSS_TYPES)('%s: the validation and test losses are the same function (evaluate)', async (type) => {
    const model = buildModel(SPEC, { seed: 5 });
    const x = tf.tidy(() => tf.tensor4d(DATA.test.images, [30, 8, 8, 1], 'int32').toFloat().div(255)) as tf.Tensor4D;
    const labels = tf.tensor1d(DATA.test.labels, 'int32');
    // Batches of 7: the sum over uneven batches, divided by the count, is the mean.
    const result = await evaluate(model, x, labels, 3, type, 7);
    const direct = tf.tidy(() => batchLoss(type, tf.oneHot(labels, 3), model.apply(x) as tf.Tensor).dataSync()[0]);
    expect(result.loss).toBeCloseTo(direct, 5);
    tf.dispose([x, labels]);
    model.dispose();
  });
});
