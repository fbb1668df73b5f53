import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, type CalibrationInput } from '../../../src/engine/calibrate';
import {
  calibrationKey,
  loadCalibration,
  pickFastest,
  saveCalibration,
  type BackendTiming,
  type CalibrationProgress,
  type KeyValueStore,
} from '../../../src/engine/calibrationRecord';
import { getPreset } from '../../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import { loadIdxDataset } from '../../helpers/mnist';

const timing = (backend: string, imagesPerSec: number | null, error: string | null = null): BackendTiming => ({
  backend,
  imagesPerSec,
  error,
  steps: imagesPerSec === null ? 0 : 5,
});

describe('choosing the fastest backend', () => {
  it('picks the highest images/s among backends that trained', () => {
    expect(pickFastest([timing('webgl', 90), timing('wasm', 2350), timing('cpu', 40)])).toBe('wasm');
    expect(pickFastest([timing('wasm', null, 'kernel Foo not registered'), timing('webgl', 90), timing('cpu', 40)])).toBe('webgl');
  });

  it('keeps the earlier backend on a tie and gives null when none trained', () => {
    expect(pickFastest([timing('webgl', 100), timing('cpu', 100)])).toBe('webgl');
    expect(pickFastest([timing('webgl', null, 'no WebGL'), timing('cpu', null, 'failed')])).toBeNull();
    expect(pickFastest([])).toBeNull();
  });
});

/** Storage's behaviour over a Map, as Node 20 has no localStorage. */
function memoryStore(): KeyValueStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (k) => entries.get(k) ?? null, setItem: (k, v) => void entries.set(k, String(v)) };
}

describe('remembering a calibration per machine and model', () => {
  const machine = { cores: 2, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))', userAgent: 'Mozilla/5.0 Chrome/140' };
  const lenet = getPreset('lenet5').build([28, 28, 1], 10);
  const modern = getPreset('lenet-modern').build([28, 28, 1], 10);

  it('keys on the machine and the model shape', () => {
    const key = calibrationKey(machine, lenet);
    expect(calibrationKey({ ...machine }, getPreset('lenet5').build([28, 28, 1], 10))).toBe(key);
    expect(calibrationKey(machine, modern)).not.toBe(key);
    expect(calibrationKey(machine, getPreset('lenet5').build([32, 32, 3], 10))).not.toBe(key);
    expect(calibrationKey({ ...machine, cores: 8 }, lenet)).not.toBe(key);
    expect(calibrationKey({ ...machine, renderer: 'NVIDIA GeForce GTX 1050' }, lenet)).not.toBe(key);
    expect(calibrationKey({ ...machine, userAgent: 'Mozilla/5.0 Firefox/140' }, lenet)).not.toBe(key);
  });

  it('reads back what it saved, and treats a damaged entry as none', () => {
    const store = memoryStore();
    const key = calibrationKey(machine, lenet);
    const value = {
      result: { timings: [timing('wasm', 2350), timing('webgl', 90), timing('cpu', null, 'failed')], best: 'wasm', batchSize: 32, measuredAt: 1 },
      override: 'webgl',
    };
    expect(loadCalibration(store, key)).toBeNull();
    saveCalibration(store, key, value);
    expect(loadCalibration(store, key)).toEqual(value);
    expect(loadCalibration(store, calibrationKey(machine, modern))).toBeNull();
    store.setItem(key, '{"result": {"timings": "garbage"}}');
    expect(loadCalibration(store, key)).toBeNull();
    store.setItem(key, 'not json');
    expect(loadCalibration(store, key)).toBeNull();
  });
});

describe('timing real training steps', () => {
  let input: CalibrationInput;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const mnist = loadIdxDataset('mnist');
    input = {
      spec: getPreset('lenet5').build([28, 28, 1], 10),
      imageShape: [28, 28, 1],
      numClasses: 10,
      images: mnist.train.images.subarray(0, 100 * 784),
      labels: mnist.train.labels.subarray(0, 100),
      optimizer: DEFAULT_TRAINING.optimizer,
    };
  });

  it('measures the cpu backend, reports a backend that cannot start, and leaves the fastest current', async () => {
    const progress: CalibrationProgress[] = [];
    const used: string[] = [];
    const use = async (name: string) => {
      used.push(name);
      if (!(await tf.setBackend(name))) throw new Error(`${name} did not start`);
    };
    tf.registerBackend('broken', () => {
      throw new Error('no device here');
    });
    const before = tf.memory().numTensors;
    const result = await calibrate(['broken', 'cpu'], use, input, { batchSize: 16, warmupSteps: 1, timedSteps: 3, maxTimedMs: 120_000 }, (p) => progress.push(p));
    tf.removeBackend('broken');

    expect(progress.map((p) => p.backend)).toEqual(['broken', 'cpu']);
    expect(result.timings[0]).toMatchObject({ backend: 'broken', imagesPerSec: null });
    expect(result.timings[0].error).toMatch(/broken/);
    const cpu = result.timings[1];
    expect(cpu.error).toBeNull();
    expect(cpu.steps).toBe(3);
    expect(cpu.imagesPerSec).toBeGreaterThan(0);
    expect(result.best).toBe('cpu');
    expect(used.at(-1)).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops a slow backend at the time budget and still gives its rate', async () => {
    const result = await calibrate(['cpu'], (n) => tf.setBackend(n), input, { batchSize: 32, warmupSteps: 0, timedSteps: 50, maxTimedMs: 1 });
    const cpu = result.timings[0];
    expect(cpu.steps).toBeGreaterThanOrEqual(1);
    expect(cpu.steps).toBeLessThan(50);
    expect(cpu.imagesPerSec).toBeGreaterThan(0);
  });

  it('stops as soon as a run is waiting, settles on the fastest timed so far and says what it skipped', async () => {
    let waiting = false;
    const used: string[] = [];
    const use = async (name: string) => {
      used.push(name);
      await tf.setBackend('cpu'); // every name trains on cpu here: what matters is which are timed
      if (name === 'second') waiting = true; // the run is started while the second backend warms up
    };
    const result = await calibrate(['first', 'second', 'third'], use, input, { batchSize: 16, warmupSteps: 1, timedSteps: 2, maxTimedMs: 60_000 }, undefined, 'third', () => waiting);
    expect(result.timings.map((t) => t.backend)).toEqual(['first']);
    expect(result.skipped).toEqual(['second', 'third']);
    expect(result.best).toBe('first');
    expect(used).toEqual(['first', 'second', 'first']); // timed, cut short, then settled on the fastest
  });
});
