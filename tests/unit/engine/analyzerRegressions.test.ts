import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze.ts';
import type { IssueText } from '../../../src/engine/spec/messages.ts';

// Specs the analyzer once accepted although tfjs cannot build or train them, each as the property test
// (analyzerProperty.test.ts) shrank it.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** [layer index, message code] per issue, the code of the problem itself rather than of "layer N: …". */
const codes = (spec: unknown) =>
  analyzeModel(spec, null).issues.map((i) => [i.layerIndex, i.text.code === 'withLayer' ? (i.text.params?.problem as IssueText).code : i.text.code]);

describe('analyzeModel rejects what tfjs cannot build', () => {
  it('a flatten on an input that is already flat (tfjs Flatten wants height and width)', () => {
    expect(codes({ inputShape: [8, 8, 1], layers: [{ type: 'flatten' }, { type: 'flatten' }, { type: 'dense', units: 3 }] })).toEqual([[1, 'alreadyFlat']]);
    const afterDense = analyzeModel(
      { inputShape: [8, 8, 1], layers: [{ type: 'flatten' }, { type: 'dense', units: 4 }, { type: 'flatten' }, { type: 'dense', units: 3 }] },
      3,
    );
    expect(afterDense.issues.map((i) => i.message)).toEqual([
      'layer 3 flatten: the input is already flat (4 values) — remove this flatten layer',
    ]);
    // The layers after it are still checked, with the shape the flatten was given.
    expect(afterDense.layers.map((l) => l.outputShape)).toEqual([[64], [4], null, [3]]);
    expect(afterDense.layers[3].params).toBe(4 * 3 + 3);
  });

  it('what tfjs says about such a flatten, so the rule goes when tfjs learns to accept it', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [4], units: 2 }));
    expect(() => model.add(tf.layers.flatten())).toThrow(/min_ndim=3/);
    model.dispose();
  });

  it('a model with no weights to train (the optimizer has nothing to change)', () => {
    expect(codes({ inputShape: [8, 8, 1], layers: [{ type: 'flatten' }] })).toEqual([[null, 'nothingToTrain']]);
    const pooled = analyzeModel({ inputShape: [8, 8, 1], layers: [{ type: 'maxPool', poolSize: 4 }, { type: 'dropout', rate: 0.5 }, { type: 'flatten' }] }, 4);
    expect(pooled.issues.map((i) => i.message)).toEqual(['the model has no weights to train — add a conv2d or dense layer']);
    // A batch norm's scale and offset are trained, so it is enough.
    expect(analyzeModel({ inputShape: [8, 8, 1], layers: [{ type: 'batchNorm' }, { type: 'flatten' }] }, null).ok).toBe(true);
  });
});

describe('analyzeModel words what only JavaScript can hand it', () => {
  it('a hole in the layer list is a layer without a type, not "undefined"', () => {
    const a = analyzeModel({ inputShape: [8, 8, 1], layers: [undefined, { type: 'flatten' }, { type: 'dense', units: 2 }] }, 2);
    expect(a.issues.map((i) => [i.layerIndex, i.field, i.message])).toEqual([
      [0, 'type', 'layer 1: missing layer type (expected one of conv2d, maxPool, avgPool, dense, dropout, batchNorm, flatten, activation, globalAvgPool, lrn, residual, inception)'],
    ]);
  });
});
