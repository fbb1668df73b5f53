import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareKernel, CONV_CASES, convInfo, ints, random, relativeError, runOn, setUpBackends, TOLERANCE } from './compare';

// Every kernel the project registers or replaces on the wasm backend, against the cpu backend's own
// kernel on random inputs, over the geometries LeNet needs and the awkward ones around them.

beforeAll(setUpBackends);

describe('Conv2DBackpropFilter on wasm', () => {
  for (const c of CONV_CASES) {
    it(c.label, async () => {
      const { filterShape, outShape } = convInfo(c);
      const r = await compareKernel(tf.Conv2DBackpropFilter, { x: random(c.x), dy: random(outShape) }, { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', filterShape });
      expect(r.shape).toEqual(filterShape);
      expect(r.nonZero).toBe(true);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('Conv2DBackpropInput on wasm (replaced)', () => {
  for (const c of CONV_CASES) {
    it(c.label, async () => {
      const { filterShape, outShape } = convInfo(c);
      const r = await compareKernel(tf.Conv2DBackpropInput, { dy: random(outShape), filter: random(filterShape) }, { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', inputShape: c.x });
      expect(r.shape).toEqual(c.x);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

interface DepthwiseCase {
  label: string;
  x: [number, number, number, number];
  kernel: [number, number];
  multiplier: number;
  strides: number;
  dilations: number;
  pad: 'same' | 'valid';
}

const DEPTHWISE_CASES: DepthwiseCase[] = [
  { label: '3 channels × 2, stride 1, same', x: [2, 9, 9, 3], kernel: [3, 3], multiplier: 2, strides: 1, dilations: 1, pad: 'same' },
  { label: '8 channels, stride 2, valid, non-square', x: [1, 8, 7, 8], kernel: [3, 3], multiplier: 1, strides: 2, dilations: 1, pad: 'valid' },
];

describe('depthwise conv2d gradients on wasm', () => {
  for (const c of DEPTHWISE_CASES) {
    const filterShape: [number, number, number, number] = [c.kernel[0], c.kernel[1], c.x[3], c.multiplier];
    const { outShape } = tf.backend_util.computeConv2DInfo(c.x, filterShape, c.strides, c.dilations, c.pad, undefined, true);
    const attrs = { strides: c.strides, dilations: c.dilations, pad: c.pad };
    it(`filter: ${c.label}`, async () => {
      const r = await compareKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x: random(c.x), dy: random(outShape) }, { ...attrs, filterShape });
      expect(r.shape).toEqual(filterShape);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
    it(`input: ${c.label}`, async () => {
      const r = await compareKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy: random(outShape), filter: random(filterShape) }, { ...attrs, inputShape: c.x });
      expect(r.shape).toEqual(c.x);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  // The cpu kernels ignore dilation (tfjs's own gradient refuses it), so the dilated case is checked
  // against the cpu's undilated kernel on the same filter spread out with zeros between its taps.
  describe('dilation 2, against the zero-spread filter on cpu', () => {
    const x: [number, number, number, number] = [3, 9, 10, 2];
    const small: [number, number, number, number] = [3, 3, 2, 3];
    const spread: [number, number, number, number] = [5, 5, 2, 3];
    const { outShape } = tf.backend_util.computeConv2DInfo(x, small, 1, 2, 'same', undefined, true);
    const spreadIndex = (i: number, j: number, rest: number) => ((2 * i * spread[1] + 2 * j) * small[2] * small[3]) + rest;
    const perTap = small[2] * small[3];
    it('filter', async () => {
      const xs = random(x);
      const dy = random(outShape);
      const dilated = await runOn('wasm', tf.DepthwiseConv2dNativeBackpropFilter, { x: xs, dy }, { strides: 1, dilations: 2, pad: 'same', filterShape: small });
      const reference = await runOn('cpu', tf.DepthwiseConv2dNativeBackpropFilter, { x: xs, dy }, { strides: 1, dilations: 1, pad: 'same', filterShape: spread });
      const picked = new Float32Array(dilated.values.length);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let r = 0; r < perTap; r++) picked[(i * 3 + j) * perTap + r] = reference.values[spreadIndex(i, j, r)];
      expect(relativeError(picked, dilated.values)).toBeLessThanOrEqual(TOLERANCE);
    });
    it('input', async () => {
      const w = random(small);
      const wide = new Float32Array(spread.reduce((a, b) => a * b));
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let r = 0; r < perTap; r++) wide[spreadIndex(i, j, r)] = w.values[(i * 3 + j) * perTap + r];
      const dy = random(outShape);
      const dilated = await runOn('wasm', tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: w }, { strides: 1, dilations: 2, pad: 'same', inputShape: x });
      const reference = await runOn('cpu', tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: { values: wide, shape: spread } }, { strides: 1, dilations: 1, pad: 'same', inputShape: x });
      expect(relativeError(reference.values, dilated.values)).toBeLessThanOrEqual(TOLERANCE);
    });
  });
});

interface PoolCase {
  label: string;
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid';
}

const POOL_CASES: PoolCase[] = [
  { label: 'LeNet S2: 28×28×6, 2×2, stride 2', x: [2, 28, 28, 6], filterSize: 2, strides: 2, pad: 'valid' },
  { label: 'LeNet S4: 10×10×16, 2×2, stride 2', x: [3, 10, 10, 16], filterSize: 2, strides: 2, pad: 'valid' },
  { label: '3×3, stride 2, same, non-square', x: [1, 7, 9, 3], filterSize: 3, strides: 2, pad: 'same' },
  { label: '3×3 overlapping, stride 1, 8 channels', x: [2, 8, 8, 8], filterSize: 3, strides: 1, pad: 'valid' },
  { label: '2×3 window, strides 1×2, same, 1 channel', x: [2, 9, 7, 1], filterSize: [2, 3], strides: [1, 2], pad: 'same' },
];

function poolOutShape(c: PoolCase): number[] {
  return tf.backend_util.computePool2DInfo(c.x, c.filterSize, c.strides, 1, c.pad).outShape;
}

describe('pooling on wasm (replaced)', () => {
  for (const c of POOL_CASES) {
    const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
    it(`AvgPool: ${c.label}`, async () => {
      const r = await compareKernel(tf.AvgPool, { x: random(c.x) }, attrs);
      expect(r.shape).toEqual(poolOutShape(c));
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
    it(`AvgPoolGrad: ${c.label}`, async () => {
      const r = await compareKernel(tf.AvgPoolGrad, { dy: random(poolOutShape(c)), input: random(c.x) }, attrs);
      expect(r.shape).toEqual(c.x);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
    it(`MaxPoolGrad: ${c.label}`, async () => {
      const x = random(c.x);
      const output = await runOn('cpu', tf.MaxPool, { x }, attrs);
      const r = await compareKernel(tf.MaxPoolGrad, { dy: random(poolOutShape(c)), input: x, output: { values: output.values as Float32Array, shape: output.shape } }, attrs);
      expect(r.shape).toEqual(c.x);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('BatchMatMul on wasm (replaced)', () => {
  const cases: { label: string; a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
    { label: 'dense forward: 32×400 · 400×120', a: [1, 32, 400], b: [1, 400, 120], transposeA: false, transposeB: false },
    { label: 'input gradient: dy · Wᵀ', a: [1, 32, 120], b: [1, 400, 120], transposeA: false, transposeB: true },
    { label: 'weight gradient: xᵀ · dy', a: [1, 64, 84], b: [1, 64, 10], transposeA: true, transposeB: false },
    { label: 'both transposed', a: [1, 7, 5], b: [1, 9, 7], transposeA: true, transposeB: true },
    { label: 'batched a, shared b', a: [3, 5, 7], b: [1, 7, 4], transposeA: false, transposeB: false },
    { label: 'batched a, shared transposed b', a: [3, 5, 7], b: [1, 4, 7], transposeA: false, transposeB: true },
    { label: 'batched both (kept on the original kernel)', a: [3, 5, 7], b: [3, 7, 4], transposeA: false, transposeB: false },
    { label: 'batched transposed a (kept on the original kernel)', a: [2, 7, 5], b: [1, 7, 4], transposeA: true, transposeB: false },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const r = await compareKernel(tf.BatchMatMul, { a: random(c.a), b: random(c.b) }, { transposeA: c.transposeA, transposeB: c.transposeB });
      expect(r.shape).toEqual(r.referenceShape);
      expect(r.error).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('Tanh on wasm (replaced)', () => {
  it('matches on values from −12 to 12 and beyond', async () => {
    const x = random([4, 28, 28, 6], 12);
    (x.values as Float32Array).set([0, -0, 1e-8, -1e-8, 40, -40, 1e30, -1e30]);
    const r = await compareKernel(tf.Tanh, { x }, {});
    expect(r.error).toBeLessThanOrEqual(1e-6);
  });
  it('keeps NaN and ±Infinity as the cpu backend does', async () => {
    const r = await runOn('wasm', tf.Tanh, { x: { values: Float32Array.from([NaN, Infinity, -Infinity]), shape: [3] } }, {});
    expect(Array.from(r.values)).toEqual([NaN, 1, -1]);
  });
});

describe('GatherV2 on wasm (replaced)', () => {
  it('gathers images along axis 0 (the trainer’s batch gather)', async () => {
    const r = await compareKernel(tf.GatherV2, { x: random([10, 4, 4, 2]), indices: ints([3, 0, 9, 3]) }, { axis: 0, batchDims: 0 });
    expect(r.shape).toEqual([4, 4, 4, 2]);
    expect(r.error).toBe(0);
  });
  it('gathers int32 labels and along an inner axis with 2-D indices', async () => {
    const labels = await compareKernel(tf.GatherV2, { x: ints([5, 6, 7, 8, 9]), indices: ints([4, 4, 0]) }, { axis: 0, batchDims: 0 });
    expect(labels.error).toBe(0);
    const inner = await compareKernel(tf.GatherV2, { x: random([3, 6, 5]), indices: ints([5, 0, 2, 2], [2, 2]) }, { axis: 1, batchDims: 0 });
    expect(inner.shape).toEqual([3, 2, 2, 5]);
    expect(inner.error).toBe(0);
  });
  it('leaves batchDims to the original kernel', async () => {
    const r = await compareKernel(tf.GatherV2, { x: random([2, 5, 3]), indices: ints([0, 4, 2, 2], [2, 2]) }, { axis: 1, batchDims: 1 });
    expect(r.shape).toEqual([2, 2, 3]);
    expect(r.error).toBe(0);
  });
  it('rejects an index out of range with a clear error and frees its output', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numBytes;
    await expect(runOn('wasm', tf.GatherV2, { x: random([4, 2]), indices: ints([1, 4]) }, { axis: 0, batchDims: 0 })).rejects.toThrow(
      'GatherV2: the index value 4 is not in [0, 3]',
    );
    await tf.setBackend('wasm');
    expect(tf.memory().numBytes).toBe(before);
  });
});

describe('gradients through the ops, wasm against cpu', () => {
  // f(x, W) = Σ R ⊙ pool(act(conv(x, W))): exercises the kernels as the layers call them.
  const cases: { label: string; x: number[]; w: number[]; strides: number; pad: 'same' | 'valid'; act: 'tanh' | 'relu'; pool: 'avg' | 'max' }[] = [
    { label: 'tanh, avg pool, same, 1 channel', x: [2, 28, 28, 1], w: [5, 5, 1, 6], strides: 1, pad: 'same', act: 'tanh', pool: 'avg' },
    { label: 'relu, max pool, valid, 3 channels', x: [1, 32, 32, 3], w: [5, 5, 3, 6], strides: 1, pad: 'valid', act: 'relu', pool: 'max' },
    { label: 'relu, max pool, stride 2, same, 8 channels', x: [3, 11, 9, 8], w: [3, 3, 8, 4], strides: 2, pad: 'same', act: 'relu', pool: 'max' },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const x = random(c.x);
      const w = random(c.w, 0.3);
      const convOut = tf.backend_util.computeConv2DInfo(c.x as [number, number, number, number], c.w as [number, number, number, number], c.strides, 1, c.pad).outShape;
      const pooledShape = tf.backend_util.computePool2DInfo(convOut, 2, 2, 1, 'valid').outShape;
      const r = random(pooledShape);
      const results: Float32Array[][] = [];
      for (const backend of ['cpu', 'wasm'] as const) {
        await tf.setBackend(backend);
        const grads = tf.tidy(() => {
          const f = (a: tf.Tensor, b: tf.Tensor) => {
            const conv = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
            const act = c.act === 'tanh' ? tf.tanh(conv) : tf.relu(conv);
            const pooled = c.pool === 'avg' ? tf.avgPool(act, 2, 2, 'valid') : tf.maxPool(act, 2, 2, 'valid');
            return tf.sum(tf.mul(pooled, tf.tensor(r.values, pooledShape)));
          };
          return tf.grads(f)([tf.tensor(x.values, c.x), tf.tensor(w.values, c.w)]);
        });
        results.push(grads.map((g) => g.dataSync() as Float32Array));
        tf.dispose(grads);
      }
      await tf.setBackend('cpu');
      expect(relativeError(results[0][0], results[1][0])).toBeLessThanOrEqual(TOLERANCE); // dL/dx
      expect(relativeError(results[0][1], results[1][1])).toBeLessThanOrEqual(TOLERANCE); // dL/dW
    });
  }
});

describe('Identity on wasm (replaced): shares the data', () => {
  it('a clone keeps its values after the original is disposed, and nothing leaks', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory();
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const copy = x.clone();
    x.dispose();
    expect(Array.from(await copy.data())).toEqual([1, 2, 3, 4]);
    const sum = tf.add(copy, 1);
    expect(Array.from(await sum.data())).toEqual([2, 3, 4, 5]);
    tf.dispose([copy, sum]);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    await tf.setBackend('cpu');
  });
});
