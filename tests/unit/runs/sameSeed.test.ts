import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherImages, gatherLabels, imageSize } from '../../../src/engine/data/dataset';
import { rng, shuffleInPlace } from '../../../src/engine/data/random';
import { chooseSubsets } from '../../../src/engine/data/subsets';
import { buildModel } from '../../../src/engine/model/build';
import { dropoutLayers, seedDropout } from '../../../src/engine/model/dropoutSeeds';
import { EngineSession } from '../../../src/engine/session';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { defaultOptimizer, type OptimizerType } from '../../../src/engine/train/optimizerSpec';
import type { BatchMetrics, TrainEvent } from '../../../src/engine/train/events';
import { loadIdxDataset } from '../../helpers/mnist';

// A fair comparison starts every run from the same weights on the same batches. Real MNIST, cpu backend.

const spec: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 5, strides: 2, padding: 'valid', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
const subsets = { train: 96, validation: 0, test: 10 };
const seed = 11;
const batchSize = 32;
const mnist = loadIdxDataset('mnist');
let session: EngineSession;

beforeAll(async () => {
  await tf.setBackend('cpu');
  session = new EngineSession('http://unused/');
  session.addDataset(mnist);
});

async function batches(optimizer: OptimizerType, runSeed = seed, model: ModelSpec = spec): Promise<BatchMetrics[]> {
  const events: TrainEvent[] = [];
  const config = { optimizer: defaultOptimizer(optimizer), batchSize, epochs: 1, seed: runSeed, subsets };
  await session.train('mnist', model, config, (e) => events.push(e));
  return events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
}

/** The loss of the untrained model on the trainer's first batch, computed here from the seed alone. */
function initialLossOnFirstBatch(): number {
  const k = mnist.manifest.classNames.length;
  const chosen = chooseSubsets(mnist.train.labels, mnist.test.labels, subsets, k, seed);
  const order = new Int32Array(chosen.train.length).map((_, i) => i);
  shuffleInPlace(order, rng(seed, 'epoch0'));
  const first = Array.from(order.subarray(0, batchSize), (i) => chosen.train[i]);
  const model = buildModel(spec, { seed });
  const loss = tf.tidy(() => {
    const x = tf.tensor4d(gatherImages(mnist.train, first, imageSize(mnist.manifest)), [batchSize, 28, 28, 1], 'int32').toFloat().div(255);
    const y = tf.oneHot(tf.tensor1d(gatherLabels(mnist.train, first), 'int32'), k);
    return tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor).dataSync()[0];
  });
  model.dispose();
  return loss;
}

describe('runs with the same seed', () => {
  it('have the identical first-batch loss whatever the optimizer, and it is the loss before any update', async () => {
    const optimizers: OptimizerType[] = ['sgd', 'adam', 'nesterov', 'rprop', 'manhattan', 'scg'];
    const runs = [];
    for (const o of optimizers) runs.push(await batches(o));
    const firstLosses = runs.map((b) => b[0].loss);
    for (const loss of firstLosses) expect(loss).toBe(firstLosses[0]);
    // Not the loss after a step: the independently computed initial loss on the same batch.
    expect(firstLosses[0]).toBeCloseTo(initialLossOnFirstBatch(), 5);
    // The optimizers do differ from the first update on.
    const second = new Set(runs.map((b) => b[1].loss));
    expect(second.size).toBeGreaterThan(1);
  });

  it('a different seed gives different initial weights or batches, so a different first-batch loss', async () => {
    const [a, b] = [await batches('sgd'), await batches('sgd', seed + 1)];
    expect(a[0].loss).not.toBe(b[0].loss);
  });

  it('with dropout are the same run batch for batch, and the units dropped change from step to step', async () => {
    // Before dropout was seeded by step, tfjs drew its masks from Math.random: no two runs agreed.
    // The file's model with dropout before its last layer.
    const withDropout: ModelSpec = { ...spec, layers: [...spec.layers.slice(0, -1), { type: 'dropout', rate: 0.5 }, ...spec.layers.slice(-1)] };
    const [a, b] = [await batches('adam', seed, withDropout), await batches('adam', seed, withDropout)];
    expect(a.map((m) => m.loss)).toEqual(b.map((m) => m.loss));
    const other = await batches('adam', seed + 1, withDropout);
    expect(other.map((m) => m.loss)).not.toEqual(a.map((m) => m.loss));
  });

  it('dropout masks differ between steps under one seed (a fixed tfjs seed would repeat them)', () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dropout({ rate: 0.5 })] });
    const layers = dropoutLayers(model);
    expect(layers).toHaveLength(1);
    const x = tf.ones([1, 4, 4, 1]);
    const mask = (step: number) => {
      seedDropout(layers, seed, step);
      return Array.from((model.apply(x, { training: true }) as tf.Tensor).dataSync());
    };
    expect(mask(3)).toEqual(mask(3));
    expect(mask(3)).not.toEqual(mask(4));
    expect(mask(3).filter((v) => v === 0).length).toBeGreaterThan(0);
    model.dispose();
    x.dispose();
  });
});
