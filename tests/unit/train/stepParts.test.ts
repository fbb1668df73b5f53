import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomImages } from '../../helpers/randomImages';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { trainingConfigSchema } from '../../../src/engine/train/config';
import type { TrainEvent } from '../../../src/engine/train/events';
import { checkStepTime, hasBatchNorm, LONG_STEP_MS, MAX_PART_MS, PART_MS, StepSizer, stepTimeProblemText } from '../../../src/engine/train/stepParts';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { getPreset } from '../../../src/engine/spec/presets';
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

// Issue 9, defect 3: "Stop and Pause take effect within a second or two whatever the model". Parts cannot be
// smaller than one image, so a model whose one image holds the worker for seconds is refused up front on the
// backends whose kernels block the worker, naming the layer that costs the time.
describe('checkStepTime', () => {
  const wide = (filters: number, batchNorm = false, first = 128): ModelSpec => ({
    inputShape: [28, 28, 1],
    layers: [
      { type: 'conv2d', filters: first, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
      ...(batchNorm ? [{ type: 'batchNorm' as const }] : []),
      { type: 'conv2d', filters, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  });
  const check = (spec: ModelSpec, backend: string) => checkStepTime(analyzeModel(spec, 10), backend, hasBatchNorm(spec));

  it('refuses on cpu a model whose one image takes seconds, naming the layer that does the work', () => {
    const problem = check(wide(128), 'cpu');
    expect(problem).toMatchObject({ code: 'stepTime', backend: 'cpu', minPart: 1, heaviest: { index: 1, type: 'conv2d' } });
    expect(problem!.partMs).toBeGreaterThan(MAX_PART_MS);
    expect(problem!.heaviest!.share).toBeGreaterThan(0.95);
    expect(stepTimeProblemText(problem!)).toMatch(/^on the cpu backend, training one image of this model takes about \d+\.\d s, .*layer 2 \(conv2d\) does 98 % of the work$/);
  });

  it('lets the same model train where kernels do not block the worker, and smaller ones everywhere', () => {
    expect(check(wide(128), 'webgl')).toBeNull();
    expect(check(wide(128), 'webgpu')).toBeNull();
    expect(check(wide(16, false, 32), 'cpu')).toBeNull(); // the browser test's model for Pause during a long step
    expect(check(wide(128), 'wasm')).toBeNull(); // wasm is many times the cpu backend's speed
    for (const id of ['lenet5', 'lenet-modern', 'vgg-mini']) expect(check(getPreset(id)!.build([32, 32, 3], 10), 'cpu'), id).toBeNull();
    // mini-ResNet's batch norm needs parts of 8 images: seconds each on the cpu backend, fine on wasm.
    const resnet = getPreset('resnet-mini')!.build([32, 32, 3], 10);
    expect(check(resnet, 'cpu')).toMatchObject({ code: 'stepTime', minPart: 8 });
    expect(check(resnet, 'wasm')).toBeNull();
  });

  it('counts batch norm\'s smallest part of 8 images', () => {
    expect(check(wide(8, false, 16), 'cpu')).toBeNull();
    expect(check(wide(8, true, 16), 'cpu')).toMatchObject({ code: 'stepTime', minPart: 8 });
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
