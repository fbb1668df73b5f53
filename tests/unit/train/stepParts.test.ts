import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomImages } from '../../helpers/randomImages';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { trainingConfigSchema } from '../../../src/engine/train/config';
import type { TrainEvent } from '../../../src/engine/train/events';
import { LONG_STEP_MS, PART_MS, StepSizer } from '../../../src/engine/train/stepParts';
import { TrainingRun, type TrainingData } from '../../../src/engine/train/trainer';
import { defaultAugmentation } from '../../../src/engine/augment/spec';

// A step that would take seconds is taken in parts, so Pause lands between them: the parts' gradients add
// up to the batch's, so a split run trains exactly as an unsplit one, paused or not.

describe('StepSizer', () => {
  it('keeps short steps whole and splits long ones into parts of about PART_MS, never below the minimum', () => {
    const sizer = new StepSizer(1e3, 'wasm', 1); // 3,000 multiply-adds per image: tiny
    expect(sizer.partSize(64)).toBe(64);
    sizer.record(4000, 64); // measured: 62.5 ms per image, a 4 s step
    expect(sizer.partSize(64)).toBe(Math.floor(PART_MS / 62.5));
    expect(sizer.partSize(16)).toBe(16); // 1 s: short enough whole
    const withBatchNorm = new StepSizer(1e3, 'wasm', 8);
    withBatchNorm.record(LONG_STEP_MS * 10, 1); // 15 s per image
    expect(withBatchNorm.partSize(64)).toBe(8);
  });
  it('expects a huge model to be slow before it has measured anything', () => {
    expect(new StepSizer(4e9, 'cpu', 1).partSize(32)).toBe(1);
  });
});

const SPEC: ModelSpec = {
  inputShape: [8, 8, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
};

const images = (count: number, seed: number) => randomImages(count, 64, 3, seed);
const data: TrainingData = { imageShape: [8, 8, 1], numClasses: 3, train: images(96, 1), validation: images(0, 2), test: images(16, 3) };
const config = trainingConfigSchema.parse({
  optimizer: { type: 'adam', learningRate: 0.01 },
  batchSize: 32,
  epochs: 2,
  seed: 4,
  l2: 0.001,
  subsets: { train: 96, validation: 0, test: 16 },
});

async function train(parts: ConstructorParameters<typeof TrainingRun>[6], onEvent?: (e: TrainEvent, run: TrainingRun) => void, cfg = config) {
  const events: TrainEvent[] = [];
  const holder: { run?: TrainingRun } = {};
  const run = new TrainingRun(SPEC, cfg, data, (e) => {
    events.push(e);
    onEvent?.(e, holder.run!);
  }, true, null, parts);
  holder.run = run;
  await run.done;
  const weights = run.model!.getWeights().map((w) => Array.from(w.dataSync()));
  run.model!.dispose();
  return { events, weights, batches: events.flatMap((e) => (e.kind === 'batches' ? e.items : [])) };
}

describe('a step in parts', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['without augmentation', config],
    // The batch is augmented whole, then sliced: the images do not depend on the part size.
    ['with augmentation', { ...config, augmentation: { ...defaultAugmentation('mnist'), enabled: true } }],
  ])('trains as the whole step does: the same losses, penalties, gradient norms and final weights (%s)', async (_name, cfg) => {
    const whole = await train({}, undefined, cfg);
    const split = await train({ size: 7 }, undefined, cfg); // 32 = 7 + 7 + 7 + 7 + 4: unequal parts
    expect(split.batches.map((b) => b.step)).toEqual(whole.batches.map((b) => b.step));
    split.batches.forEach((b, i) => {
      const w = whole.batches[i];
      expect(b.loss).toBeCloseTo(w.loss, 5);
      expect(b.accuracy).toBeCloseTo(w.accuracy, 5);
      expect(b.penalty!).toBeCloseTo(w.penalty!, 6);
      b.gradNorms!.forEach((g, k) => expect(Math.abs(g - w.gradNorms![k]) / w.gradNorms![k]).toBeLessThan(1e-4));
    });
    split.weights.forEach((values, k) => values.forEach((v, j) => expect(Math.abs(v - whole.weights[k][j])).toBeLessThan(1e-4)));
  });

  it('pauses between parts, in the middle of a step, and goes on from there', async () => {
    const before = tf.memory().numTensors;
    const whole = await train({});
    let run: TrainingRun | null = null;
    const order: string[] = [];
    const paused = await train(
      {
        size: 8,
        onPart: (step, done) => {
          order.push(`part ${step}:${done}`);
          if (step === 2 && done === 8) run!.control.pause();
        },
      },
      (e, r) => {
        run = r;
        if (e.kind === 'batches') order.push(...e.items.map((b) => `step ${b.step}`));
        if (e.kind === 'paused') {
          order.push('paused');
          setTimeout(() => r.control.resume(), 50);
        }
        if (e.kind === 'resumed') order.push('resumed');
      },
    );
    // Paused after the first part of step 2 (the metrics read so far reported first), resumed, and the
    // rest of step 2 came after.
    const at = order.indexOf('paused');
    const partsAndPauses = order.filter((o) => !o.startsWith('step'));
    const p = partsAndPauses.indexOf('paused');
    expect(partsAndPauses.slice(p - 1, p + 3)).toEqual(['part 2:8', 'paused', 'resumed', 'part 2:16']);
    expect(order.indexOf('step 2')).toBeGreaterThan(at);
    paused.weights.forEach((values, k) => values.forEach((v, j) => expect(Math.abs(v - whole.weights[k][j])).toBeLessThan(1e-4)));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stopped between parts, drops the step: nothing of it is applied or reported, and nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const stopped = await train({ size: 8, onPart: (step, done) => step === 1 && done === 16 && holder.run!.control.stop() }, (_e, r) => (holder.run = r));
    expect(stopped.batches.map((b) => b.step)).toEqual([0]);
    const done = stopped.events.at(-1);
    expect(done?.kind === 'done' && done.stopped).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

const holder: { run?: TrainingRun } = {};
