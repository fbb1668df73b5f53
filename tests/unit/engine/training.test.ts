import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../src/engine/train/events';
import { mnistSessionOnCpu, SMALL_MNIST_CNN } from '../../helpers/mnist';

// A small real CNN on real MNIST, on the cpu backend: slow per image, so a small subset.
const spec = SMALL_MNIST_CNN;

const config = {
  optimizer: { type: 'adam', learningRate: 0.005, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  batchSize: 32,
  epochs: 2,
  seed: 7,
  subsets: { train: 2000, validation: 300, test: 500 },
};

const mnist = mnistSessionOnCpu();

async function train(cfg: object = config) {
  const events: TrainEvent[] = [];
  const memory = await mnist.session.train('mnist', spec, cfg, (e) => events.push(e));
  return { events, memory };
}

describe('training on MNIST (cpu backend)', () => {
  it('learns: test accuracy far above chance, every batch reported, no tensors leaked', async () => {
    const { events, memory } = await train();
    const start = events.find((e) => e.kind === 'start');
    expect(start).toMatchObject({ kind: 'start', backend: 'cpu', batchesPerEpoch: 63, totalSteps: 126 });
    const batches = events.flatMap((e) => (e.kind === 'batches' ? e.items : []));
    expect(batches.map((b) => b.step)).toEqual(Array.from({ length: 126 }, (_, i) => i));
    expect(batches.every((b) => Number.isFinite(b.loss) && b.accuracy >= 0 && b.accuracy <= 1)).toBe(true);
    const epochs = events.flatMap((e) => (e.kind === 'epoch' ? [e.metrics] : []));
    expect(epochs).toHaveLength(2);
    expect(epochs[1].valAccuracy).toBeGreaterThan(0.8);
    expect(epochs[1].valLoss!).toBeLessThan(epochs[0].valLoss!);
    const done = events.at(-1);
    if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
    expect(done.stopped).toBe(false);
    expect(done.test.accuracy).toBeGreaterThan(0.8); // chance is 0.1
    expect(done.test.confusion.flat().reduce((a, b) => a + b, 0)).toBe(500);
    expect(done.test.samples).toHaveLength(24);
    expect(memory.tensorsAfter).toBe(memory.tensorsBefore);
  });

  it('is reproducible: the same seed gives the same first-batch loss', async () => {
    const short = { ...config, epochs: 1, subsets: { train: 64, validation: 0, test: 10 } };
    const first = (r: { events: TrainEvent[] }) => r.events.flatMap((e) => (e.kind === 'batches' ? e.items : []))[0].loss;
    const a = first(await train(short));
    const b = first(await train(short));
    const c = first(await train({ ...short, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('pauses, resumes and stops without leaking tensors', async () => {
    const events: TrainEvent[] = [];
    const before = tf.memory().numTensors;
    let paused = false;
    const done = mnist.session.train('mnist', spec, { ...config, epochs: 3 }, (e) => {
      events.push(e);
      if (e.kind === 'batches' && !paused) {
        paused = true;
        mnist.session.pause();
      }
      if (e.kind === 'paused') {
        setTimeout(() => mnist.session.resume(), 50);
      }
      if (e.kind === 'resumed') mnist.session.stop();
    });
    await done;
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain('paused');
    expect(kinds).toContain('resumed');
    const last = events.at(-1);
    expect(last).toMatchObject({ kind: 'done', stopped: true, test: null });
    const steps = events.flatMap((e) => (e.kind === 'batches' ? e.items : [])).length;
    expect(steps).toBeLessThan(189); // stopped well before 3 epochs
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a stop sent from outside while it trains (a message to the worker, here a timer)', async () => {
    // The cpu backend, like wasm, answers reads without a macrotask: the loop must still let timers and
    // messages run, or a Stop clicked during training would wait for the end of the run.
    let steps = 0;
    const timer = setTimeout(() => mnist.session.stop(), 300);
    const done = mnist.session.train('mnist', spec, { ...config, epochs: 3 }, (e) => {
      if (e.kind === 'batches') steps += e.items.length;
    });
    await done;
    clearTimeout(timer);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(189);
  });

  it('rejects a broken model or config with the specific problem', async () => {
    const broken = { ...spec, layers: [{ type: 'conv2d', filters: 8, kernelSize: 30 }, ...spec.layers.slice(1)] };
    await expect(mnist.session.train('mnist', broken, config, () => {})).rejects.toThrow(/layer 1 conv2d: 30×30 kernel does not fit a 28×28 input/);
    await expect(mnist.session.train('mnist', spec, { ...config, batchSize: 0 }, () => {})).rejects.toThrow('batchSize: batch size must be at least 1');
  });
});
