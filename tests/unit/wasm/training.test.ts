import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineSession } from '../../../src/engine/session';
import { buildModel } from '../../../src/engine/model/build';
import { getPreset, type PresetId } from '../../../src/engine/spec/presets';
import type { TrainEvent } from '../../../src/engine/train/events';
import { loadIdxDataset } from '../../helpers/mnist';
import { random, setUpBackends } from './compare';

// Whole training steps: the same model, data and optimizer on cpu and on wasm must give the same losses
// (up to float rounding, which a few steps of Adam do not amplify much) and leave no tensors behind.

beforeAll(setUpBackends);

async function batchLosses(session: EngineSession, backend: 'cpu' | 'wasm', preset: PresetId) {
  await tf.setBackend(backend);
  const spec = getPreset(preset).build([28, 28, 1], 10);
  const events: TrainEvent[] = [];
  const config = {
    optimizer: { type: 'adam', learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    batchSize: 32,
    epochs: 1,
    seed: 3,
    subsets: { train: 128, validation: 32, test: 32 },
  };
  const memory = await session.train('mnist', spec, config, (e) => events.push(e));
  const start = events.find((e) => e.kind === 'start');
  const losses = events.flatMap((e) => (e.kind === 'batches' ? e.items.map((i) => i.loss) : []));
  const epoch = events.find((e) => e.kind === 'epoch');
  return { backend: start?.kind === 'start' ? start.backend : null, losses, memory, valLoss: epoch?.kind === 'epoch' ? epoch.metrics.valLoss : null };
}

describe('LeNet training steps on wasm match cpu', () => {
  let session: EngineSession;
  beforeAll(() => {
    session = new EngineSession('http://unused/');
    session.addDataset(loadIdxDataset('mnist'));
  });

  for (const preset of ['lenet5', 'lenet-modern'] as const) {
    it(`${preset} on MNIST: same batch losses, no tensors leaked`, async () => {
      const cpu = await batchLosses(session, 'cpu', preset);
      const wasm = await batchLosses(session, 'wasm', preset);
      await tf.setBackend('cpu');
      expect(wasm.backend).toBe('wasm');
      expect(wasm.losses).toHaveLength(4);
      expect(wasm.losses[0]).toBeGreaterThan(1); // untrained: about ln 10
      for (let i = 0; i < 4; i++) expect(Math.abs(wasm.losses[i] - cpu.losses[i])).toBeLessThan(2e-4 * (i + 1));
      expect(Math.abs(wasm.valLoss! - cpu.valLoss!)).toBeLessThan(2e-3);
      expect(wasm.memory.tensorsAfter).toBe(wasm.memory.tensorsBefore);
    });
  }
});

describe('LeNet-5 on 32×32×3 images (CIFAR-shaped)', () => {
  it('takes the same SGD steps on wasm as on cpu, without leaking', async () => {
    const spec = getPreset('lenet5').build([32, 32, 3], 10);
    const xs = random([16, 32, 32, 3]);
    const labels = Int32Array.from({ length: 16 }, (_, i) => (i * 7) % 10);
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const model = buildModel(spec, { seed: 11 });
      const optimizer = tf.train.sgd(0.05);
      const x = tf.tensor4d(xs.values, [16, 32, 32, 3]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, true)!;
        losses.push(loss.dataSync()[0]);
        loss.dispose();
      }
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
      return { losses, leaked: tf.memory().numTensors - before };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    await tf.setBackend('cpu');
    expect(wasm.losses[4]).toBeLessThan(wasm.losses[0]); // it learns the 16 images
    for (let i = 0; i < 5; i++) expect(Math.abs(wasm.losses[i] - cpu.losses[i])).toBeLessThan(1e-4 * (i + 1));
    expect({ cpu: cpu.leaked, wasm: wasm.leaked }).toEqual({ cpu: 0, wasm: 0 });
  });
});
