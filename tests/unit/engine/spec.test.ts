import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze.ts';
import { ITEM_TYPES, type ModelSpec } from '../../../src/engine/spec/layers.ts';
import type { SpecIssue } from '../../../src/engine/spec/issues.ts';

const lenet5On28: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'same', activation: 'tanh' },
    { type: 'avgPool', poolSize: 2 },
    { type: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'tanh' },
    { type: 'avgPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 120, activation: 'tanh' },
    { type: 'dense', units: 84, activation: 'tanh' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

/** A spec as a student might type it: loose JSON, defaults left out. */
const withLayers = (layers: unknown[], inputShape: unknown = [28, 28, 1]) => ({ inputShape, layers });


/** Issues without their translatable form, to compare with the English sentences. */
const plain = (issues: SpecIssue[]) => issues.map(({ text: _text, ...rest }) => rest);

describe('analyzeModel on valid specs', () => {
  it('counts LeNet-5 on 28×28×1 like the paper', () => {
    const a = analyzeModel(lenet5On28, 10);
    expect(a.issues).toEqual([]);
    expect(a.ok).toBe(true);
    expect(a.layers.map((l) => l.outputShape)).toEqual([
      [28, 28, 6],
      [14, 14, 6],
      [10, 10, 16],
      [5, 5, 16],
      [400],
      [120],
      [84],
      [10],
    ]);
    // conv1 6·(5·5·1)+6 = 156; conv2 16·(5·5·6)+16 = 2416; dense 400·120+120 = 48120;
    // 120·84+84 = 10164; 84·10+10 = 850; total 61706.
    expect(a.layers.map((l) => l.params)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850]);
    expect(a.totalParams).toBe(61706);
    expect(a.trainableParams).toBe(61706);
    expect(a.inputShape).toEqual([28, 28, 1]);
    expect(a.outputShape).toEqual([10]);
  });

  it('counts multiply-adds', () => {
    const a = analyzeModel(lenet5On28, 10);
    // conv1: 28·28 outputs × 6 filters × 5·5·1 taps; conv2: 10·10 × 16 × 5·5·6.
    expect(a.layers[0].macs).toBe(28 * 28 * 6 * 25);
    expect(a.layers[2].macs).toBe(10 * 10 * 16 * 150);
    expect(a.layers[5].macs).toBe(400 * 120);
    expect(a.layers[1].macs).toBe(0);
    expect(a.totalMacs).toBe(117600 + 240000 + 48000 + 10080 + 840);
  });

  it('returns the parsed spec with defaults applied', () => {
    const a = analyzeModel(withLayers([{ type: 'conv2d', filters: 4, kernelSize: 3 }, { type: 'maxPool' }, { type: 'flatten' }, { type: 'dense', units: 10 }]), 10);
    expect(a.ok).toBe(true);
    expect(a.spec?.layers[0]).toEqual({ type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' });
    expect(a.spec?.layers[1]).toEqual({ type: 'maxPool', poolSize: 2 });
    expect(a.layers.map((l) => l.outputShape)).toEqual([[26, 26, 4], [13, 13, 4], [676], [10]]);
  });

  it('applies valid and same geometry with strides', () => {
    const a = analyzeModel(
      withLayers([
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'valid' }, // floor(25/2)+1 = 13
        { type: 'conv2d', filters: 8, kernelSize: 3, strides: 3, padding: 'same' }, // ceil(13/3) = 5
        { type: 'maxPool', poolSize: 2, strides: 1 }, // 4
        { type: 'avgPool', poolSize: 3 }, // strides default to 3: floor(1/3)+1 = 1
        { type: 'flatten' },
        { type: 'dense', units: 10 },
      ]),
      10,
    );
    expect(a.issues).toEqual([]);
    expect(a.layers.map((l) => l.outputShape)).toEqual([[13, 13, 8], [5, 5, 8], [4, 4, 8], [1, 1, 8], [8], [10]]);
    expect(a.layers[1].params).toBe(3 * 3 * 8 * 8 + 8);
    expect(a.layers[1].macs).toBe(5 * 5 * 8 * 9 * 8);
  });

  it('counts batchNorm as Keras does and keeps shapes through shape-preserving layers', () => {
    const a = analyzeModel(
      withLayers([
        { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
        { type: 'batchNorm' },
        { type: 'activation', activation: 'leakyRelu' },
        { type: 'dropout', rate: 0.25 },
        { type: 'flatten' },
        { type: 'batchNorm' },
        { type: 'activation', activation: 'softmax' }, // a softmax before the end is allowed
        { type: 'dense', units: 10, activation: 'linear' },
      ]),
      10,
    );
    expect(a.issues).toEqual([]);
    expect(a.layers.map((l) => l.outputShape)).toEqual([
      [28, 28, 8], [28, 28, 8], [28, 28, 8], [28, 28, 8], [6272], [6272], [6272], [10],
    ]);
    expect(a.layers[1]).toMatchObject({ params: 32, trainableParams: 16, macs: 0 });
    expect(a.layers[5]).toMatchObject({ params: 4 * 6272, trainableParams: 2 * 6272 });
    expect(a.totalParams - a.trainableParams).toBe(16 + 2 * 6272);
  });

  it('runs on every keystroke without building a model: no tensor or variable is made', () => {
    const before = tf.memory();
    for (let i = 0; i < 50; i++) analyzeModel(lenet5On28, 10);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});

describe('analyzeModel on invalid specs', () => {
  const messages = (spec: unknown, numClasses = 10) => analyzeModel(spec, numClasses).issues.map((i) => i.message);

  it('reports a kernel larger than its input', () => {
    const a = analyzeModel(
      withLayers(
        [
          { type: 'conv2d', filters: 4, kernelSize: 3 }, // 6×6
          { type: 'maxPool' }, // 3×3
          { type: 'conv2d', filters: 4, kernelSize: 5 },
          { type: 'flatten' },
          { type: 'dense', units: 10 },
        ],
        [8, 8, 1],
      ),
      10,
    );
    expect(a.ok).toBe(false);
    expect(a.spec).toBeNull();
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ layerIndex: 2, field: 'kernelSize' });
    expect(a.issues[0].message).toMatch(/^layer 3 conv2d: 5×5 kernel does not fit a 3×3 input/);
    expect(a.layers[2].issues).toEqual(a.issues);
    expect(a.layers[2].outputShape).toBeNull();
  });

  it('reports a pool larger than its input', () => {
    const [message] = messages(withLayers([{ type: 'maxPool', poolSize: 3 }, { type: 'flatten' }, { type: 'dense', units: 10 }], [2, 2, 1]));
    expect(message).toMatch(/^layer 1 maxPool: 3×3 pool does not fit a 2×2 input/);
  });

  it('words out-of-range numbers with the layer and field', () => {
    const a = analyzeModel(withLayers([{ type: 'flatten' }, { type: 'dense', units: 0 }, { type: 'dense', units: 10 }]), 10);
    expect(plain(a.issues)).toEqual([{ layerIndex: 1, field: 'units', message: 'layer 2 dense: units must be at least 1' }]);
  });

  it('names unknown layer types and lists the known ones, blocks among them', () => {
    const a = analyzeModel(
      withLayers([{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'flatten' }, { type: 'dense', units: 12 }, { type: 'dense', units: 10 }, { type: 'pool' }]),
      10,
    );
    expect(a.issues).toHaveLength(1);
    expect(a.issues[0]).toMatchObject({ layerIndex: 4, field: 'type' });
    expect(a.issues[0].message).toBe(`layer 5: unknown layer type "pool" (expected one of ${ITEM_TYPES.join(', ')})`);
    expect(a.layers[4].type).toBe('pool');
  });

  it('suggests the right spelling of a layer type', () => {
    expect(messages(withLayers([{ type: 'maxpool' }]))[0]).toContain('did you mean "maxPool"?');
  });

  it('asks for a flatten before a dense on an image-shaped input', () => {
    const a = analyzeModel(
      withLayers([
        { type: 'conv2d', filters: 6, kernelSize: 5, padding: 'same' },
        { type: 'maxPool' },
        { type: 'conv2d', filters: 16, kernelSize: 5 },
        { type: 'maxPool' },
        { type: 'dense', units: 120 },
        { type: 'dense', units: 10 },
      ]),
      10,
    );
    expect(plain(a.issues)).toEqual([
      { layerIndex: 4, message: 'layer 5 dense: expects a flat input but gets 5×5×16 — add a flatten layer before it' },
    ]);
    // The dense after it is checked as if the flatten were there.
    expect(a.layers[5]).toMatchObject({ outputShape: [10], params: 1210 });
  });

  it('asks for conv and pool layers to come before flatten', () => {
    const [message] = messages(withLayers([{ type: 'flatten' }, { type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'dense', units: 10 }]));
    expect(message).toMatch(/^layer 2 conv2d: expects an image-shaped input .* but gets a flat input of 784 values/);
  });

  it('checks the output against the number of classes', () => {
    const spec = { ...lenet5On28, layers: lenet5On28.layers.slice(0, 7) };
    const a = analyzeModel(spec, 10);
    expect(plain(a.issues)).toEqual([
      {
        layerIndex: null,
        message: 'the model ends with 84 outputs but the dataset has 10 classes — make the last dense layer have 10 units',
      },
    ]);
    expect(analyzeModel(spec, 84).ok).toBe(true);
  });

  it('asks for a flat output', () => {
    const [message] = messages(withLayers([{ type: 'conv2d', filters: 4, kernelSize: 3 }]));
    expect(message).toBe(
      'the model ends with a 26×26×4 output but must end with 10 class scores — add a flatten layer and a dense layer with 10 units',
    );
  });

  it('skips the class check when asked to', () => {
    expect(analyzeModel({ ...lenet5On28, layers: lenet5On28.layers.slice(0, 7) }, null).ok).toBe(true);
  });

  it('goes on past a broken layer with the last good shape', () => {
    const a = analyzeModel(
      withLayers([
        { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'swish' }, // bad activation, shape still known
        { type: 'bogus' },
        { type: 'conv2d', filters: 4, kernelSize: 40 }, // too big for 26×26
        { type: 'maxPool' },
        { type: 'dense', units: 10 }, // still needs a flatten
      ]),
      10,
    );
    expect(a.issues.map((i) => i.layerIndex)).toEqual([0, 1, 2, 4]);
    expect(a.issues[0].message).toBe(
      'layer 1 conv2d: unknown activation "swish" (expected one of linear, relu, leakyRelu, elu, sigmoid, tanh, softmax)',
    );
    expect(a.issues[3].message).toContain('gets 13×13×4');
    expect(a.layers.map((l) => l.outputShape)).toEqual([[26, 26, 4], null, null, [13, 13, 4], null]);
    expect(a.layers[0].params).toBe(40);
  });

  it('gives unknown shapes when the input shape is invalid, but still checks the layers', () => {
    const a = analyzeModel(withLayers([{ type: 'flatten' }, { type: 'dense', units: -3 }], [28, 28]), 10);
    expect(a.inputShape).toBeNull();
    expect(a.layers.map((l) => l.outputShape)).toEqual([null, null]);
    expect(plain(a.issues)).toEqual([
      { layerIndex: null, field: 'inputShape', message: 'the input shape must be a list of three numbers: [height, width, channels]' },
      { layerIndex: 1, field: 'units', message: 'layer 2 dense: units must be at least 1' },
    ]);
  });

  it('words every schema problem itself, never with zod text', () => {
    const bad = [
      null,
      42,
      { inputShape: 'x', layers: 'y', extra: true },
      { inputShape: [28, 28, 1, 1], layers: [] },
      { inputShape: [28, 0, 1.5], layers: [{ type: 'flatten' }], name: 7 },
      { name: 'x'.repeat(101), inputShape: [28, 28, 1], layers: Array.from({ length: 65 }, () => ({ type: 'flatten' })) },
      withLayers([
        5,
        {},
        { type: 3 },
        { type: 'conv2d', filters: 2.5, kernelSize: 'a', padding: 'full', extra: 1 },
        { type: 'dense' },
        { type: 'dropout', rate: 1 },
        { type: 'activation' },
        { type: 'maxPool', poolSize: 0, strides: null },
        { type: 'batchNorm', axis: 1 },
      ]),
    ];
    const all = bad.flatMap((spec) => messages(spec));
    expect(all.length).toBeGreaterThan(20);
    for (const message of all) {
      expect(message).not.toMatch(/Invalid|discriminator|expected tuple|received|Too (big|small)|Unrecognized|>=|<=/);
      expect(message.length).toBeGreaterThan(15);
    }
    expect(all).toEqual(
      expect.arrayContaining([
        'the model spec must be an object with "inputShape" and "layers"',
        'the model spec has unknown field "extra" (allowed: name, inputShape, layers)',
        '"layers" must be a list of layers',
        'a model needs at least one layer',
        'a model can have at most 64 layers',
        'input width must be at least 1',
        'input channels must be a whole number, not 1.5',
        'the model name must be text',
        'the model name must be at most 100 characters',
        'layer 1: each layer must be an object with a "type" field, not 5',
        `layer 2: missing layer type (expected one of ${ITEM_TYPES.join(', ')})`,
        `layer 3: unknown layer type 3 (expected one of ${ITEM_TYPES.join(', ')})`,
        'layer 4 conv2d: filters must be a whole number, not 2.5',
        'layer 4 conv2d: kernel size must be a number, not "a"',
        'layer 4 conv2d: unknown padding "full" (expected one of valid, same)',
        'layer 4 conv2d: unknown field "extra" (allowed: type, filters, kernelSize, strides, padding, activation)',
        'layer 5 dense: missing units',
        'layer 6 dropout: rate must be at most 0.95',
        'layer 7 activation: missing activation',
        'layer 8 maxPool: pool size must be at least 1',
        'layer 8 maxPool: stride must be a number, not null',
        'layer 9 batchNorm: unknown field "axis" (allowed: type)',
      ]),
    );
  });
});
