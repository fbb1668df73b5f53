import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { mnistSessionOnCpu } from '../../helpers/mnist';

// The views inside the network work on a run's kept model through the session, by run id, and looking
// again and again (as the UI does while the student hovers) leaves no tensors behind.
const mnist = mnistSessionOnCpu();

const SPEC: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'leakyRelu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'dropout', rate: 0.5 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
const config = {
  optimizer: { type: 'adam', learningRate: 0.005, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  batchSize: 32,
  epochs: 1,
  seed: 5,
  subsets: { train: 256, validation: 0, test: 32 },
};

describe('inspecting a kept model through the session', () => {
  it('gives activations, filters and explanations by run id, says what is wrong, and leaks nothing over 200 looks', async () => {
    const { session } = mnist;
    await session.train('mnist', SPEC, config, () => {}, 'run-inspect');
    const pixels = Float32Array.from(session.testImagesAt('mnist', Int32Array.of(0)), (v) => v / 255);

    const inspection = await session.inspect('run-inspect', pixels);
    expect(inspection.runId).toBe('run-inspect');
    expect(inspection.input.shape).toEqual([28, 28, 1]);
    expect(Array.from(inspection.input.values)).toEqual(Array.from(pixels));
    expect(inspection.layers.map((l) => `${l.layer} ${l.type} ${l.shape.join('×')}`)).toEqual([
      '0 conv2d 14×14×4',
      '1 maxPool 7×7×4',
      '2 dropout 7×7×4',
      '3 flatten 196',
      '4 dense 10',
    ]);
    // Inference mode: dropout passes its input through unchanged.
    expect(Array.from(inspection.layers[2].values)).toEqual(Array.from(inspection.layers[1].values));
    const predicted = await session.predict('run-inspect', pixels, 1);
    for (let c = 0; c < 10; c++) expect(inspection.probabilities[c]).toBeCloseTo(predicted[c], 5);

    const filters = await session.filters('run-inspect');
    expect(filters.map((f) => [f.layer, f.shape])).toEqual([[0, [3, 3, 1, 4]]]);

    for (const [y, x] of [[0, 0], [13, 13], [6, 9]]) {
      const e = await session.explainConv('run-inspect', pixels, 0, 3, y, x);
      expect(Math.abs(e.output - e.featureMapValue)).toBeLessThan(1e-4);
      expect(e.activation).toBe('leakyRelu');
    }
    await expect(session.explainConv('run-inspect', pixels, 1, 0, 0, 0)).rejects.toThrow('layer 1 is a maxPool layer, not conv2d');
    await expect(session.explainConv('run-inspect', pixels, 0, 0, 14, 0)).rejects.toThrow("position (y 14, x 0) is outside layer 0's 14×14 output");
    await expect(session.explainConv('run-inspect', pixels, 0, 4, 0, 0)).rejects.toThrow('layer 0 has 4 channels (0 to 3): there is no channel 4');
    await expect(session.inspect('no-such-run', pixels)).rejects.toThrow('run no-such-run has no kept model');
    await expect(session.inspect('run-inspect', pixels.subarray(0, 100))).rejects.toThrow('the image has 100 values but the model takes 28×28×1 = 784');

    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) await session.inspect('run-inspect', pixels);
    await session.filters('run-inspect');
    await session.explainConv('run-inspect', pixels, 0, 0, 1, 1);
    expect(tf.memory().numTensors).toBe(before);
    await session.deleteModel('run-inspect');
  }, 60_000);

  it('while a run trains, the views see its model as it is now, and 200 steps of refreshing leak nothing', async () => {
    const { session } = mnist;
    const pixels = Float32Array.from(session.testImagesAt('mnist', Int32Array.of(0)), (v) => v / 255);
    const live = { ...config, batchSize: 8, subsets: { train: 1600, validation: 0, test: 32 } }; // 200 steps
    await expect(session.inspect('run-live', pixels)).rejects.toThrow('run run-live has no kept model');
    const before = tf.memory().numTensors;
    const looks: Promise<unknown>[] = [];
    const firstKernels: number[][] = [];
    let steps = 0;
    await session.train(
      'mnist',
      SPEC,
      live,
      (e) => {
        if (e.kind !== 'batches') return;
        steps = e.progress.step;
        // As the panel does a few times a second: feature maps and filters of the model being trained.
        looks.push(session.inspect('run-live', pixels), session.filters('run-live').then((f) => firstKernels.push(Array.from(f[0].kernel.subarray(0, 4)))));
      },
      'run-live',
    );
    const settled = await Promise.allSettled(looks);
    expect(settled.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(steps).toBe(200);
    expect(firstKernels.length).toBeGreaterThan(3);
    // The filters moved while the run trained: the views showed the weights of the moment, not the first ones.
    expect(firstKernels.at(-1)).not.toEqual(firstKernels[0]);
    // The kept model (the run's, now) is not a leak; everything the views made while it trained is gone.
    await session.deleteModel('run-live');
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
