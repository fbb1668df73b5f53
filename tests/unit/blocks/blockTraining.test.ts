import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../../../src/engine/train/events';
import type { ModelSpec } from '../../../src/engine/spec/layers';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { mnistSessionOnCpu } from '../../helpers/mnist';
import { basicBlock } from './blockSpecs';

// A model with a residual block (zero-padding shortcut), an inception block and LRN trains through the
// engine session like any other; its kept model is inspected per spec item and exported to files that
// plain tf.loadLayersModel reads (with the LRN class registered, as the app's import does).

const mnist = mnistSessionOnCpu();

const spec: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    { type: 'lrn', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
    { type: 'maxPool', poolSize: 3, strides: 2 },
    basicBlock(8, 2, 'zeroPad'),
    { type: 'inception', conv1x1: 4, reduce3x3: 4, conv3x3: 6, reduce5x5: 2, conv5x5: 2, poolProj: 4, activation: 'relu' },
    { type: 'globalAvgPool' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

const config = {
  optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  batchSize: 32,
  epochs: 2,
  seed: 5,
  subsets: { train: 640, validation: 0, test: 200 },
};

describe('a model with blocks (cpu backend)', () => {
  it('trains, is inspected one entry per block, and exports files that tf.loadLayersModel reads', async () => {
    const analysis = analyzeModel(spec, 10);
    expect(analysis.issues).toEqual([]);
    expect(analysis.layers.map((l) => l.outputShape)).toEqual([[14, 14, 4], [14, 14, 4], [6, 6, 4], [3, 3, 8], [3, 3, 16], [16], [10]]);

    const events: TrainEvent[] = [];
    const memory = await mnist.session.train('mnist', spec, config, (e) => events.push(e), 'blocks');
    expect(memory.tensorsAfter).toBe(memory.tensorsBefore);
    const losses = events.flatMap((e) => (e.kind === 'batches' ? e.items.map((b) => b.loss) : []));
    expect(losses).toHaveLength(40);
    expect(losses.every(Number.isFinite)).toBe(true);
    // It learns: the last steps' loss is well below the first's (ln 10 ≈ 2.30 at chance).
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.2);
    const start = events.find((e) => e.kind === 'start');
    if (start?.kind !== 'start') throw new Error('no start event');
    // The dynamics views follow each weighted spec item: blocks are one line each.
    expect(start.dynamics.layers.map((l) => [l.layer, l.type])).toEqual([[0, 'conv2d'], [3, 'residual'], [4, 'inception'], [6, 'dense']]);
    expect(start.dynamics.layers.find((l) => l.type === 'residual')?.size).toBe(analysis.layers[3].trainableParams);

    // Feature maps: one entry per spec item, a block's being its output.
    const pixels = Float32Array.from(mnist.session.testImagesAt('mnist', Int32Array.from([0])), (v) => v / 255);
    const inspection = await mnist.session.inspect('blocks', pixels);
    expect(inspection.layers.map((l) => [l.layer, l.type, l.shape])).toEqual(analysis.layers.map((l) => [l.index, l.type, l.outputShape]).filter(([i]) => i !== 6).concat([[6, 'dense', [10]]]));

    const probs = await mnist.session.predict('blocks', pixels, 1);
    const exported = await mnist.session.exportModel('blocks');
    const json = JSON.parse(exported.modelJson);
    expect(json.modelTopology.class_name).not.toBe('Sequential');
    expect(exported.modelJson).toContain('"LocalResponseNormalization"');
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: exported.weights }),
    );
    const out = Array.from(tf.tidy(() => (loaded.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
    loaded.dispose();
    // The file ends in a softmax: probabilities, as the app predicts them.
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    for (let i = 0; i < 10; i++) expect(out[i]).toBeCloseTo(probs[i], 5);
    await mnist.session.deleteModel('blocks');
  }, 120_000);
});
