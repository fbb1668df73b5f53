import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { suggestedOptimizer } from '../../../src/engine/paths/defaults';
import { tracePathsOnCpu } from '../../../src/engine/paths/onCpu';
import { SURFACES, SURFACE_IDS, type Surface } from '../../../src/engine/paths/surfaces';
import { traceOptimizer, tracePaths } from '../../../src/engine/paths/trace';
import { EngineSession } from '../../../src/engine/session';
import { OPTIMIZER_TYPES } from '../../../src/engine/train/optimizerSpec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const { bowl, rosenbrock, saddle } = SURFACES;
const distance = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
const liveVariables = () => Object.keys(tf.engine().state.registeredVariables).length;

describe('optimizer paths', () => {
  it.each([bowl, rosenbrock])('$id: every optimizer’s path starts at the start point', (s: Surface) => {
    const start: [number, number] = [s.start[0] + 0.25, s.start[1] - 0.125];
    const optimizers = OPTIMIZER_TYPES.map((t) => suggestedOptimizer(s, t));
    // At most 8 at once (one colour each).
    const paths = [0, 8].flatMap((i) => tracePaths({ surface: s.id, start, steps: 3, optimizers: optimizers.slice(i, i + 8) }).paths);
    expect(paths.map((p) => p.spec.type)).toEqual(OPTIMIZER_TYPES);
    for (const path of paths) {
      expect(path.points[0]).toEqual([start[0], start[1], s.value(start[0], start[1])]);
      expect(path.points).toHaveLength(4);
      expect(path.points[1]).not.toEqual(path.points[0]);
    }
  });

  it('bowl: SGD’s first step is start − rate·∇f (by hand)', () => {
    // f = x²/20 + 5y², ∇f = (x/10, 10y). From (−9, 2) at rate 0.19: (−9 + 0.19·0.9, 2 − 0.19·20) = (−8.829, −1.8).
    const path = traceOptimizer(bowl, [-9, 2], 1, { type: 'sgd', learningRate: 0.19 });
    expect(path.points[1][0]).toBeCloseTo(-8.829, 5);
    expect(path.points[1][1]).toBeCloseTo(-1.8, 5);
    expect(path.points[1][2]).toBeCloseTo(8.829 ** 2 / 20 + 5 * 1.8 ** 2, 4);
  });

  it('Rosenbrock: SGD’s first step is start − rate·∇f (by hand)', () => {
    // ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)). At (−1.2, 1): y − x² = −0.44, so
    // ∇f = (−4.4 − 211.2, −88) = (−215.6, −88); at rate 0.001 the first step lands on (−0.9844, 1.088).
    const path = traceOptimizer(rosenbrock, [-1.2, 1], 1, { type: 'sgd', learningRate: 0.001 });
    expect(path.points[1][0]).toBeCloseTo(-0.9844, 5);
    expect(path.points[1][1]).toBeCloseTo(1.088, 5);
  });

  it.each([bowl, rosenbrock])('$id: Adam ends closer to the minimum than it started, and lower', (s: Surface) => {
    const path = traceOptimizer(s, s.start, s.steps, suggestedOptimizer(s, 'adam'));
    const last = path.points.at(-1)!;
    expect(path.stopped).toBeNull();
    expect(distance(last, s.marker.point)).toBeLessThan(0.5 * distance(s.start, s.marker.point));
    expect(last[2]).toBeLessThan(0.1 * path.points[0][2]);
  });

  it('saddle: SGD slides down to the saddle along x, then escapes along −y², ever faster', () => {
    const path = traceOptimizer(saddle, [1.8, 0.02], 60, { type: 'sgd', learningRate: 0.05 });
    const ys = path.points.map((p) => p[1]);
    // ∂f/∂y = −2y: each step multiplies y by 1 + 2·0.05 = 1.1, and x by 1 − 0.1 = 0.9.
    ys.slice(1).forEach((y, k) => expect(y).toBeCloseTo(ys[k] * 1.1, 5));
    const last = path.points.at(-1)!;
    expect(Math.abs(last[0])).toBeLessThan(0.01);
    expect(last[1]).toBeGreaterThan(5);
    expect(last[2]).toBeLessThan(-25);
    // Exactly on the ridge y = 0 there is no force along y: SGD stops at the saddle point and stays.
    const ridge = traceOptimizer(saddle, [1.8, 0], 200, { type: 'sgd', learningRate: 0.05 });
    expect(ridge.points.every((p) => p[1] === 0)).toBe(true);
    expect(Math.abs(ridge.points.at(-1)![0])).toBeLessThan(1e-6);
  });

  it('saddle: Adam escapes faster than SGD (its steps do not shrink with the gradient)', () => {
    const sgd = traceOptimizer(saddle, saddle.start, 20, suggestedOptimizer(saddle, 'sgd'));
    const adam = traceOptimizer(saddle, saddle.start, 20, suggestedOptimizer(saddle, 'adam'));
    expect(Math.abs(adam.points[20][1])).toBeGreaterThan(3 * Math.abs(sgd.points[20][1]));
  });

  it('flags divergence for a learning rate too large for the curvature, and stops there', () => {
    // Along y the curvature is 10: SGD multiplies y by 1 − 10·0.5 = −4 each step.
    const path = traceOptimizer(bowl, [-9, 2], 100, { type: 'sgd', learningRate: 0.5 });
    expect(path.stopped?.reason).toBe('diverged');
    expect(path.stopped!.step).toBeLessThan(10);
    expect(path.points).toHaveLength(path.stopped!.step + 1);
    path.points.slice(1).forEach((p, k) => expect(p[1]).toBeCloseTo(-4 * path.points[k][1], 3));
    // Just below the limit 0.2 it converges instead.
    expect(traceOptimizer(bowl, [-9, 2], 100, { type: 'sgd', learningRate: 0.19 }).stopped).toBeNull();
  });

  it('leaves no tensors or variables behind, for every optimizer on every surface', () => {
    // Warm-up: kernels keep some one-off state.
    for (const type of OPTIMIZER_TYPES) traceOptimizer(bowl, bowl.start, 2, suggestedOptimizer(bowl, type));
    const tensors = tf.memory().numTensors;
    const variables = liveVariables();
    for (const id of SURFACE_IDS) {
      const s = SURFACES[id];
      for (let i = 0; i < OPTIMIZER_TYPES.length; i += 8) {
        tracePaths({ surface: id, start: s.start, steps: 20, optimizers: OPTIMIZER_TYPES.slice(i, i + 8).map((t) => suggestedOptimizer(s, t)) });
      }
    }
    traceOptimizer(bowl, [-9, 2], 100, { type: 'sgd', learningRate: 0.5 }); // a diverging one too
    expect(tf.memory().numTensors).toBe(tensors);
    expect(liveVariables()).toBe(variables);
  });

  it('rejects bad requests with errors that name the field', () => {
    const good = { surface: 'bowl', start: [1, 1], steps: 10, optimizers: [{ type: 'sgd', learningRate: 0.1 }] };
    expect(() => tracePaths({ ...good, surface: 'himmelblau' })).toThrow(/surface must be one of rosenbrock, beale, saddle, bowl/);
    expect(() => tracePaths({ ...good, steps: 0 })).toThrow(/steps: steps must be at least 1/);
    expect(() => tracePaths({ ...good, steps: 2.5 })).toThrow(/steps must be a whole number/);
    expect(() => tracePaths({ ...good, start: [1, Number.NaN] })).toThrow(/start\.1: start y must be a number/);
    expect(() => tracePaths({ ...good, optimizers: [] })).toThrow(/choose at least one optimizer/);
    expect(() => tracePaths({ ...good, optimizers: Array(9).fill(good.optimizers[0]) })).toThrow(/choose at most 8 optimizers/);
    expect(() => tracePaths({ ...good, optimizers: [{ type: 'sgd', learningRate: -1 }] })).toThrow(
      /optimizers\.0\.learningRate: learning rate must be greater than 0/,
    );
  });
});

describe('tracing in the engine', () => {
  it('runs through EngineSession.tracePaths with plain data in and out', async () => {
    const session = new EngineSession('http://localhost/');
    const result = await session.tracePaths({ surface: 'rosenbrock', start: [-1.2, 1], steps: 5, optimizers: [{ type: 'sgd', learningRate: 0.001 }, { type: 'scg', sigma: 5e-5, lambda: 5e-7 }] });
    expect(result.backend).toBe('cpu');
    expect(result.paths).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.paths[1].points.at(-1)![2]).toBeLessThan(result.paths[0].points.at(-1)![2]);
  });

  it('switches to the cpu backend for tracing and back to the one in use afterwards', async () => {
    tf.registerBackend('paths-test-other', () => new MathBackendCPU());
    try {
      await tf.setBackend('paths-test-other');
      const result = await tracePathsOnCpu({ surface: 'bowl', start: [-9, 2], steps: 3, optimizers: [{ type: 'sgd', learningRate: 0.19 }] });
      expect(result.backend).toBe('cpu');
      expect(tf.getBackend()).toBe('paths-test-other');
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('paths-test-other');
    }
  });

  it('waits for a backend that is still starting (the app probes backends at start-up) and returns to it', async () => {
    tf.registerBackend('paths-test-slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return new MathBackendCPU();
    });
    try {
      const starting = tf.setBackend('paths-test-slow');
      const result = await tracePathsOnCpu({ surface: 'bowl', start: [-9, 2], steps: 3, optimizers: [{ type: 'adam', learningRate: 0.3 }] });
      expect(await starting).toBe(true);
      expect(result.backend).toBe('cpu');
      expect(result.paths[0].points).toHaveLength(4);
      expect(tf.getBackend()).toBe('paths-test-slow');
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('paths-test-slow');
    }
  });
});
