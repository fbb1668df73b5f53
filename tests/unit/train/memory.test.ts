import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../../src/engine/session';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { getPreset } from '../../../src/engine/spec/presets';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { budgetFor, checkRunMemory, estimateRunMemory, memoryProblemText } from '../../../src/engine/train/memory';
import { loadIdxDataset } from '../../helpers/mnist';

// Before a run starts, what it will hold is worked out from the analyzer's shapes and compared with what
// the backend can give, so a model that cannot fit is refused with what to shrink instead of hanging.

const GiB = 2 ** 30;
const subsets = { train: 10_000, validation: 1_000, test: 2_000 };
const run = { optimizer: 'adam' as const, batchSize: 32, subsets, imageShape: [28, 28, 1] };

/** About 205 million parameters in one dense layer after an unpooled 64-channel conv. */
const HUGE: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 64, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 4096, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

describe('memory estimate', () => {
  it('lets LeNet-5 through on every backend, with a total of a few tens of MB', () => {
    const estimate = estimateRunMemory(analyzeModel(getPreset('lenet5').build([28, 28, 1], 10), 10), run);
    expect(estimate.totalBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(estimate.totalBytes).toBeLessThan(200 * 2 ** 20);
    for (const backend of ['wasm', 'webgl', 'cpu']) expect(checkRunMemory(estimate, budgetFor(backend, { maxTextureSize: 4096 }))).toBeNull();
  });

  it('refuses a 200-million-parameter model on wasm and points at the layer that holds them', () => {
    const estimate = estimateRunMemory(analyzeModel(HUGE, 10), run);
    // Adam at the peak of a step: 19 float32 copies per weight (measured on wasm), about 15 GB.
    expect(estimate.weightsBytes + estimate.optimizerBytes).toBeGreaterThan(14 * GiB);
    const problem = checkRunMemory(estimate, budgetFor('wasm', { wasmThreaded: true }));
    expect(problem).toMatchObject({ code: 'total', main: 'weights', heaviestLayer: { index: 2, type: 'dense' } });
    expect(memoryProblemText(problem!)).toContain('give layer 3 (dense, 205,524,992 parameters) fewer units or filters');
  });

  it('blames the batch size when layer outputs dominate', () => {
    const wide: ModelSpec = {
      inputShape: [28, 28, 1],
      layers: [
        { type: 'conv2d', filters: 512, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
        { type: 'maxPool', poolSize: 28 },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    };
    const problem = checkRunMemory(estimateRunMemory(analyzeModel(wide, 10), { ...run, batchSize: 4096 }), budgetFor('wasm', { wasmThreaded: true }));
    expect(problem).toMatchObject({ code: 'total', main: 'activations', widestLayer: { index: 0 } });
    expect(memoryProblemText(problem!)).toContain('use a smaller batch size');
  });

  it('refuses a tensor larger than one WebGL texture can hold, naming it', () => {
    const cifar = { ...run, imageShape: [32, 32, 3], subsets: { train: 50_000, validation: 0, test: 1_000 } };
    const estimate = estimateRunMemory(analyzeModel(getPreset('lenet5').build([32, 32, 3], 10), 10), cifar);
    const problem = checkRunMemory(estimate, budgetFor('webgl', { maxTextureSize: 8192, deviceMemoryGiB: 8 }));
    expect(problem).toMatchObject({ code: 'tensor', tensor: { kind: 'images' }, maxElements: 8192 * 8192 });
    expect(memoryProblemText(problem!)).toContain('use fewer training images');
  });

  it('is enforced by the engine itself: train refuses before building anything', async () => {
    const session = new EngineSession('http://unused/');
    await session.init(['cpu']);
    session.addDataset(loadIdxDataset('mnist'));
    const before = tf.memory().numTensors;
    const config = { optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, batchSize: 32, epochs: 1, seed: 1, subsets: { train: 64, validation: 0, test: 10 } };
    const events: unknown[] = [];
    const error = await session.train('mnist', HUGE, config, (e) => events.push(e)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('RunTooBigError');
    expect((error as Error).message).toContain('layer 3 (dense');
    expect(events).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
