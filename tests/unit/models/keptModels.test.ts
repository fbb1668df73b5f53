import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../src/engine/train/events';
import { ModelRegistry } from '../../../src/engine/models/registry';
import { MemoryModelStorage } from '../../../src/engine/models/storage';
import { buildModel } from '../../../src/engine/model/build';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { mnistSessionOnCpu, SMALL_MNIST_CNN } from '../../helpers/mnist';

// A finished run's model outlives the run: evaluation, prediction and export all work on it, by run id.
const mnist = mnistSessionOnCpu();
const config = {
  optimizer: { type: 'adam', learningRate: 0.005, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  batchSize: 32,
  epochs: 1,
  seed: 11,
  subsets: { train: 1000, validation: 0, test: 300 },
};

const one = (spec: typeof SMALL_MNIST_CNN) => analyzeModel(spec, 10).totalParams;

const argmax = (p: Float32Array, row: number, k: number) => {
  let best = 0;
  for (let c = 1; c < k; c++) if (p[row * k + c] > p[row * k + best]) best = c;
  return best;
};

describe('kept models', () => {
  it('keep the trained model: its evaluation matches the run’s test result, prediction and export agree with it', async () => {
    const events: TrainEvent[] = [];
    const memory = await mnist.session.train('mnist', SMALL_MNIST_CNN, config, (e) => events.push(e), 'run-a');
    const done = events.at(-1);
    if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
    expect(memory.tensorsAfter).toBe(memory.tensorsBefore); // kept weights are not counted as a leak

    const evaluation = await mnist.session.evaluateModel('run-a', 'mnist', 'subset', config.subsets, config.seed);
    expect(evaluation.labels).toHaveLength(300);
    expect(evaluation.probabilities).toHaveLength(3000);
    let correct = 0;
    for (let i = 0; i < 300; i++) if (argmax(evaluation.probabilities, i, 10) === evaluation.labels[i]) correct++;
    expect(correct / 300).toBeCloseTo(done.test.accuracy, 10);
    // Rows are probabilities.
    const row = evaluation.probabilities.subarray(0, 10).reduce((a, b) => a + b, 0);
    expect(row).toBeCloseTo(1, 5);

    // Predicting the same images directly gives the same probabilities.
    const pixels = mnist.session.testImagesAt('mnist', evaluation.testIndices.slice(0, 5));
    const probs = await mnist.session.predict('run-a', Float32Array.from(pixels, (v) => v / 255), 5);
    for (let i = 0; i < 50; i++) expect(probs[i]).toBeCloseTo(evaluation.probabilities[i], 5);

    // The exported files load with plain tf.loadLayersModel and predict the same.
    const exported = await mnist.session.exportModel('run-a');
    const json = JSON.parse(exported.modelJson);
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: exported.weights }),
    );
    const x = tf.tensor4d(Float32Array.from(pixels, (v) => v / 255), [5, 28, 28, 1]);
    const output = loaded.predict(x) as tf.Tensor;
    const fromFile = output.dataSync();
    output.dispose();
    for (let i = 0; i < 50; i++) expect(fromFile[i]).toBeCloseTo(probs[i], 5);
    x.dispose();
    loaded.dispose();

    // Imported back, it is the same model: same spec, same predictions.
    const imported = await mnist.session.importModel('run-imported', 'mnist', exported.modelJson, exported.weights.slice(0));
    expect(imported.spec.layers.map((l) => l.type)).toEqual(SMALL_MNIST_CNN.layers.map((l) => l.type));
    expect(imported.params).toBe(one(SMALL_MNIST_CNN));
    const again = await mnist.session.predict('run-imported', Float32Array.from(pixels, (v) => v / 255), 5);
    for (let i = 0; i < 50; i++) expect(again[i]).toBeCloseTo(probs[i], 5);
    await mnist.session.deleteModel('run-imported');
    // Each problem is named, and nothing is kept.
    await expect(mnist.session.importModel('bad', 'mnist', '{ not json', exported.weights)).rejects.toThrow(/model.json is not JSON/);
    await expect(mnist.session.importModel('bad', 'mnist', exported.modelJson, exported.weights.slice(0, 100))).rejects.toThrow(/the weights file has 100 bytes but model.json describes/);
    const renamed = exported.modelJson.replace('"Conv2D"', '"Conv2DTranspose"');
    await expect(mnist.session.importModel('bad', 'mnist', renamed, exported.weights)).rejects.toThrow(/layer 1 \(Conv2DTranspose\) is not a layer the builder has/);
    const fiveClasses = exported.modelJson.replace('"units":10', '"units":5');
    await expect(mnist.session.importModel('bad', 'mnist', fiveClasses, exported.weights)).rejects.toThrow(/10 classes/);
    expect((await mnist.session.keptModels()).map((m) => m.runId)).toEqual(['run-a']);

    const full = await mnist.session.evaluateModel('run-a', 'mnist', 'full', config.subsets, config.seed);
    expect(full.labels).toHaveLength(10_000);

    await mnist.session.deleteModel('run-a');
    await expect(mnist.session.evaluateModel('run-a', 'mnist', 'subset', config.subsets, config.seed)).rejects.toThrow(/no kept model/);
    expect(tf.memory().numTensors).toBe(memory.tensorsBefore);
  });

  it('continue training from a kept model: the new run starts from its weights, and a changed model is refused', async () => {
    const events: TrainEvent[] = [];
    await mnist.session.train('mnist', SMALL_MNIST_CNN, config, (e) => events.push(e), 'run-b');
    const first = events.at(-1);
    if (first?.kind !== 'done' || !first.test) throw new Error('no test result');
    // At a learning rate too small to move float32 weights, the continued run scores exactly the same.
    const still = { ...config, optimizer: { type: 'sgd', learningRate: 1e-12 } };
    const next: TrainEvent[] = [];
    await mnist.session.train('mnist', SMALL_MNIST_CNN, still, (e) => next.push(e), 'run-c', 'run-b');
    const done = next.at(-1);
    if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
    expect(done.test.accuracy).toBe(first.test.accuracy);
    // From fresh weights it would start at chance level.
    const firstLoss = next.find((e) => e.kind === 'batches');
    expect(firstLoss?.kind === 'batches' && firstLoss.items[0].loss).toBeLessThan(1.5);
    const wider = { ...SMALL_MNIST_CNN, layers: SMALL_MNIST_CNN.layers.map((l) => (l.type === 'conv2d' ? { ...l, filters: 16 } : l)) };
    await expect(mnist.session.train('mnist', wider, still, () => {}, 'run-d', 'run-b')).rejects.toThrow(/the model was changed since run run-b/);
    await mnist.session.deleteModel('run-b');
    await mnist.session.deleteModel('run-c');
  });

  it('unload the least recently used model past the memory budget and load it again from storage on demand', async () => {
    const storage = new MemoryModelStorage();
    const one = buildModel(SMALL_MNIST_CNN, { seed: 1 });
    const bytes = one.countParams() * 4;
    const registry = new ModelRegistry(storage, Math.floor(bytes * 1.5)); // room for one
    const before = tf.memory().numTensors - one.weights.length;
    await registry.keep('a', one, { epoch: 0, source: 'last' });
    const unloaded = await registry.keep('b', buildModel(SMALL_MNIST_CNN, { seed: 2 }), { epoch: 0, source: 'last' });
    expect(unloaded).toEqual(['a']);
    expect((await registry.list()).map((m) => [m.runId, m.loaded])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    const a = await registry.get('a'); // from storage
    expect(a?.countParams()).toBe(one.countParams() === 0 ? 0 : bytes / 4);
    expect((await registry.list()).find((m) => m.runId === 'b')?.loaded).toBe(false);
    await registry.remove('a');
    await registry.remove('b');
    expect(await registry.list()).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
