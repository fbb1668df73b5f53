import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FusedAdamOptimizer } from '../../../src/engine/optimizers/fusedAdam';
import { NATIVE_FILES } from '../../../src/engine/wasm/native/files';
import { attachNativeKernels, detachNativeKernels, nativeKernelsFor } from '../../../src/engine/wasm/native/nativeKernels';
import { nodeNativeSource } from '../../../src/engine/wasm/native/nodeSource';
import { CONV_CASES, convInfo, random, relativeError, runOn, setUpBackends, TOLERANCE } from './compare';

// The compiled kernels (src/engine/wasm/native/kernels.c) attached to the wasm backend, against the cpu
// backend. Built by `npm run native` (clang and lld); CI installs both, so there a missing module fails.

const built = existsSync(new URL(`../../../src/engine/wasm/native/out/${NATIVE_FILES.plain}`, import.meta.url));
const required = Boolean(process.env.CI);

beforeAll(async () => {
  await setUpBackends();
  await tf.setBackend('wasm');
  if (built) expect(await attachNativeKernels(tf.backend() as BackendWasm, nodeNativeSource)).toBe(true);
  await tf.setBackend('cpu');
});
afterAll(detachNativeKernels);

it.runIf(required)('the compiled kernels are built (npm run native)', () => {
  expect(built).toBe(true);
});

/** Largest |a − b| / |a| over elements whose reference is not tiny: the issue's ≤ 1e-4 relative, element by element. */
function elementError(reference: ArrayLike<number>, actual: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const scale = Math.max(Math.abs(reference[i]), 1e-30);
    worst = Math.max(worst, Math.abs(reference[i] - actual[i]) / scale);
  }
  return worst;
}

/** The kernel on cpu, then on wasm (one after the other: runOn switches the current backend). */
async function onBoth(name: string, inputs: Parameters<typeof runOn>[2], attrs: object) {
  const cpu = await runOn('cpu', name, inputs, attrs);
  const wasm = await runOn('wasm', name, inputs, attrs);
  return [cpu, wasm] as const;
}

describe.runIf(built)('compiled kernels on wasm, against the cpu backend', () => {
  it('attach to the backend’s memory without writing into it', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(random([1000]).values);
    const before = x.dataSync().slice();
    detachNativeKernels();
    expect(await attachNativeKernels(tf.backend() as BackendWasm, nodeNativeSource)).toBe(true);
    expect(nativeKernelsFor(tf.backend() as BackendWasm)).not.toBeNull();
    expect(Array.from(x.dataSync())).toEqual(Array.from(before));
    x.dispose();
    await tf.setBackend('cpu');
  });

  it('tanh: each element within 1e-6 relative, tiny to large values, odd lengths', async () => {
    for (const n of [1, 3, 4, 7, 4 * 28 * 28 * 6 + 3]) {
      const x = random([n], 12);
      const v = x.values as Float32Array;
      const specials = [0, -0, 1e-8, -1e-8, 1e-4, -3e-3, 0.6249, 0.6251, -0.625, 8.99, 9.01, 40, -40, 1e30, -1e30];
      v.set(specials.slice(0, Math.min(n, specials.length)));
      const cpu = await runOn('cpu', tf.Tanh, { x }, {});
      const wasm = await runOn('wasm', tf.Tanh, { x }, {});
      expect(elementError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('tanh keeps NaN and ±Infinity, and the sign of −0', async () => {
    const r = await runOn('wasm', tf.Tanh, { x: { values: Float32Array.from([NaN, Infinity, -Infinity, -0, 0]), shape: [5] } }, {});
    expect(Array.from(r.values)).toEqual([NaN, 1, -1, -0, 0]);
  });

  const pools: { label: string; x: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same' }[] = [
    { label: 'LeNet S2: 28×28×6, 2×2 stride 2', x: [4, 28, 28, 6], size: 2, stride: 2, pad: 'valid' },
    { label: 'LeNet S4: 10×10×16', x: [3, 10, 10, 16], size: 2, stride: 2, pad: 'valid' },
    { label: 'one channel, 3×3 stride 1, same (partial windows)', x: [2, 7, 9, 1], size: 3, stride: 1, pad: 'same' },
    { label: 'three channels, 3×3 stride 2, same, odd size', x: [2, 11, 9, 3], size: 3, stride: 2, pad: 'same' },
    { label: '2×2 stride 2, valid, odd size: the last row and column are in no window', x: [2, 9, 7, 6], size: 2, stride: 2, pad: 'valid' },
    { label: '2×2 stride 2, same, odd size: the last windows hang over', x: [2, 7, 9, 5], size: 2, stride: 2, pad: 'same' },
  ];
  for (const c of pools) {
    it(`average pool and its gradient: ${c.label}`, async () => {
      const x = random(c.x);
      const attrs = { filterSize: c.size, strides: c.stride, pad: c.pad };
      const forward = await onBoth(tf.AvgPool, { x }, attrs);
      expect(forward[1].shape).toEqual(forward[0].shape);
      expect(relativeError(forward[0].values, forward[1].values)).toBeLessThanOrEqual(1e-6);
      const dy = random(forward[0].shape);
      const backward = await onBoth(tf.AvgPoolGrad, { dy, input: x }, attrs);
      expect(backward[1].shape).toEqual(c.x);
      expect(relativeError(backward[0].values, backward[1].values)).toBeLessThanOrEqual(1e-6);
    });
    it(`max pool’s gradient: ${c.label}, ties and NaN windows included`, async () => {
      // Values on a coarse grid tie often within a window (the first maximum takes the gradient); a few
      // NaNs make windows whose maximum is NaN or lies beside one.
      const x = random(c.x);
      x.values = x.values.map((v, i) => (i % 37 === 5 ? NaN : Math.round(v * 3) / 3)) as Float32Array;
      const attrs = { filterSize: c.size, strides: c.stride, pad: c.pad };
      const output = await runOn('cpu', tf.MaxPool, { x }, attrs);
      const inputs = { dy: random(output.shape), input: x, output: { values: output.values as Float32Array, shape: output.shape } };
      const [cpu, wasm] = await onBoth(tf.MaxPoolGrad, inputs, attrs);
      expect(wasm.shape).toEqual(c.x);
      // The same positions get a gradient; where windows overlap, sums may round differently.
      expect(Array.from(wasm.values, (v) => v !== 0)).toEqual(Array.from(cpu.values, (v) => v !== 0));
      expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-6);
    });
  }

  it('a bias add, either operand first, equals the cpu backend’s; other broadcasts too', async () => {
    for (const [x, bias] of [[random([64, 28, 28, 6]), random([6])], [random([5, 16]), random([16])], [random([3, 4, 4, 10]), random([10])]]) {
      for (const inputs of [{ a: x, b: bias }, { a: bias, b: x }]) {
        const [cpu, wasm] = await onBoth(tf.Add, inputs, {});
        expect(wasm.shape).toEqual(x.shape);
        expect(relativeError(cpu.values, wasm.values)).toBe(0);
      }
    }
    const other = { a: random([2, 3, 4]), b: random([3, 1]) }; // not a bias: the backend's own broadcast
    const [cpu, wasm] = await onBoth(tf.Add, other, {});
    expect(wasm.shape).toEqual([2, 3, 4]);
    expect(relativeError(cpu.values, wasm.values)).toBe(0);
  });

  it('a bias gradient (sum over all axes but the last) matches the cpu backend’s double sum', async () => {
    const cases: [number[], number[], boolean][] = [
      [[64, 28, 28, 6], [0, 1, 2], false],
      [[64, 10, 10, 16], [2, 0, 1], true],
      [[64, 120], [0], false],
      [[7, 3], [-2], false],
    ];
    for (const [shape, axis, keepDims] of cases) {
      const x = random(shape);
      const [cpu, wasm] = await onBoth(tf.Sum, { x }, { axis, keepDims });
      expect(wasm.shape).toEqual(cpu.shape);
      expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-6);
    }
    const vector = random([64]); // a whole vector (the loss's mean): the backend's own Sum
    const [cpuV, wasmV] = await onBoth(tf.Sum, { x: vector }, { axis: null, keepDims: false });
    expect(wasmV.shape).toEqual([]);
    // One float32 sum of 64 values against the cpu backend's double one: a sum that cancels keeps ~1e-6 of it.
    expect(relativeError(cpuV.values, wasmV.values)).toBeLessThanOrEqual(1e-5);
    const inner = random([4, 5, 6]); // the last axis: the backend's own Sum
    const [cpu, wasm] = await onBoth(tf.Sum, { x: inner }, { axis: [2], keepDims: false });
    expect(wasm.shape).toEqual([4, 5]);
    expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-6);
  });

  for (const c of CONV_CASES) {
    it(`conv2d’s filter gradient: ${c.label}`, async () => {
      const { filterShape, outShape } = convInfo(c);
      const inputs = { x: random(c.x), dy: random(outShape) };
      const [cpu, wasm] = await onBoth(tf.Conv2DBackpropFilter, inputs, { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', filterShape });
      expect(wasm.shape).toEqual(filterShape);
      expect(cpu.values.some((v) => v !== 0)).toBe(true);
      expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-5);
    });
    it(`conv2d’s input gradient: ${c.label}`, async () => {
      const { filterShape, outShape } = convInfo(c);
      const inputs = { dy: random(outShape), filter: random(filterShape) };
      const [cpu, wasm] = await onBoth(tf.Conv2DBackpropInput, inputs, { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat ?? 'NHWC', inputShape: c.x });
      expect(wasm.shape).toEqual(c.x);
      expect(cpu.values.some((v) => v !== 0)).toBe(true);
      expect(relativeError(cpu.values, wasm.values)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('tanh’s gradient through a layer equals the cpu backend’s', async () => {
    const x = random([3, 9, 7, 5], 3);
    const r = random([3, 9, 7, 5]);
    const grads: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      const g = tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.tanh(a), tf.tensor(r.values, r.shape))))(tf.tensor(x.values, x.shape)));
      grads.push(g.dataSync() as Float32Array);
      g.dispose();
    }
    await tf.setBackend('cpu');
    expect(relativeError(grads[0], grads[1])).toBeLessThanOrEqual(TOLERANCE);
  });
});

const start = { w: random([13, 7]), b: random([7], 0.1), x: random([16, 13]) };

/** Three Adam steps of a small dense model's weights on `backend`, from the same start; the weights after them. */
async function adamSteps(backend: 'cpu' | 'wasm', make: () => tf.Optimizer): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const w = tf.variable(tf.tensor(start.w.values, start.w.shape));
  const b = tf.variable(tf.tensor(start.b.values, start.b.shape));
  const x = tf.tensor(start.x.values, start.x.shape);
  const optimizer = make();
  for (let step = 0; step < 3; step++) optimizer.minimize(() => tf.sum(tf.square(tf.tanh(tf.add(tf.matMul(x, w), b)))) as tf.Scalar);
  const out = [w.dataSync().slice() as Float32Array, b.dataSync().slice() as Float32Array];
  const weights = await optimizer.getWeights();
  expect(weights.map((s) => s.name)).toEqual(['iter', expect.stringMatching(/\/m$/), expect.stringMatching(/\/m$/), expect.stringMatching(/\/v$/), expect.stringMatching(/\/v$/)]);
  tf.dispose([w, b, x, weights[0].tensor]);
  optimizer.dispose();
  await tf.setBackend('cpu');
  return out;
}

describe('Adam in one kernel a weight (FusedAdamOptimizer)', () => {
  const fused = () => new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
  const stock = () => tf.train.adam(0.01, 0.9, 0.999, 1e-7);

  it('takes the same steps on wasm as tfjs’s Adam on cpu (compiled kernel where built)', async () => {
    const reference = await adamSteps('cpu', stock);
    const actual = await adamSteps('wasm', fused);
    for (let i = 0; i < reference.length; i++) expect(relativeError(reference[i], actual[i])).toBeLessThanOrEqual(TOLERANCE);
  });

  it('takes the same steps where no backend kernel exists (cpu), uploading two numbers a step whatever the weight count', async () => {
    const reference = await adamSteps('cpu', stock);
    const actual = await adamSteps('cpu', fused);
    for (let i = 0; i < reference.length; i++) expect(relativeError(reference[i], actual[i])).toBeLessThanOrEqual(TOLERANCE);
    // Tensors made from numbers during a step (on a GPU backend each is an upload): tfjs's Adam makes
    // several a weight; this one makes two a step (after its first, which also makes its constants).
    const made = async (make: () => tf.Optimizer, weights: number) => {
      const before = tf.memory().numTensors;
      const ws = Array.from({ length: weights }, (_, i) => tf.tidy(() => tf.variable(tf.fill([4, 3], 0.1 * (i + 1)))));
      const optimizer = make();
      const loss = () => tf.addN(ws.map((w) => tf.sum(tf.square(w)))) as tf.Scalar;
      optimizer.minimize(loss);
      // Only the update is counted: the gradients come first. engine.makeTensor is where a number (or an
      // array) becomes a tensor; kernel outputs take another way.
      const { value, grads } = tf.variableGrads(loss);
      const engine = tf.engine() as unknown as { makeTensor: (...a: unknown[]) => unknown };
      const makeTensor = engine.makeTensor;
      let writes = 0;
      engine.makeTensor = function (this: unknown, ...a: unknown[]) {
        writes++;
        return makeTensor.apply(this, a);
      };
      try {
        optimizer.applyGradients(grads);
      } finally {
        engine.makeTensor = makeTensor;
      }
      tf.dispose([value, ...Object.values(grads)]);
      optimizer.dispose();
      tf.dispose(ws);
      expect(tf.memory().numTensors).toBe(before); // the kept constants go with the optimizer
      return writes;
    };
    expect(await made(fused, 2)).toBe(2);
    expect(await made(fused, 8)).toBe(2);
    expect(await made(stock, 8)).toBeGreaterThan(8);
  });

  it('takes the same steps with the JavaScript loop, and keeps no more tensors than tfjs’s Adam', async () => {
    detachNativeKernels();
    try {
      const reference = await adamSteps('cpu', stock);
      const kept = async (make: () => tf.Optimizer) => {
        await tf.setBackend('wasm');
        const before = tf.memory().numTensors;
        const weights = await adamSteps('wasm', make);
        await tf.setBackend('wasm');
        return { weights, kept: tf.memory().numTensors - before };
      };
      const stockRun = await kept(stock);
      const fusedRun = await kept(fused);
      expect(fusedRun.kept).toBe(stockRun.kept);
      for (let i = 0; i < reference.length; i++) expect(relativeError(reference[i], fusedRun.weights[i])).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      await tf.setBackend('wasm');
      if (built) await attachNativeKernels(tf.backend() as BackendWasm, nodeNativeSource);
      await tf.setBackend('cpu');
    }
  });

});
