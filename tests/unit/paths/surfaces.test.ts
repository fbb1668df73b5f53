import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { suggestedOptimizer } from '../../../src/engine/paths/defaults';
import { SURFACES, SURFACE_IDS } from '../../../src/engine/paths/surfaces';
import { surfaceTensor } from '../../../src/engine/paths/tensorOps';
import { OPTIMIZER_TYPES, optimizerSpecSchema } from '../../../src/engine/train/optimizerSpec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const surfaces = SURFACE_IDS.map((id) => SURFACES[id]);

describe('test surfaces', () => {
  it.each(surfaces)('$id: the tfjs function and the plain one agree across the view window', (s) => {
    const { xMin, xMax, yMin, yMax } = s.view;
    for (let i = 0; i <= 6; i++) {
      for (let j = 0; j <= 6; j++) {
        const x = xMin + ((xMax - xMin) * i) / 6;
        const y = yMin + ((yMax - yMin) * j) / 6;
        const fromTensors = tf.tidy(() => surfaceTensor(s, tf.scalar(x), tf.scalar(y)).dataSync()[0]);
        const exact = s.value(x, y);
        expect(Math.abs(fromTensors - exact), `f(${x}, ${y})`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(exact)));
      }
    }
  });

  it.each(surfaces)('$id: the gradient vanishes at the marked point, and the start point is in view', (s) => {
    const [mx, my] = s.marker.point;
    const [gx, gy] = tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => surfaceTensor(s, x as tf.Scalar, y as tf.Scalar))([tf.scalar(mx), tf.scalar(my)]).map((g) => g.dataSync()[0]));
    expect(Math.abs(gx)).toBeLessThan(1e-4);
    expect(Math.abs(gy)).toBeLessThan(1e-4);
    const [sx, sy] = s.start;
    expect(sx).toBeGreaterThan(s.view.xMin);
    expect(sx).toBeLessThan(s.view.xMax);
    expect(sy).toBeGreaterThan(s.view.yMin);
    expect(sy).toBeLessThan(s.view.yMax);
  });

  it('marks the global minima of Rosenbrock (1, 1) and Beale (3, 0.5) with f = 0 there', () => {
    expect(SURFACES.rosenbrock.value(1, 1)).toBe(0);
    expect(SURFACES.beale.value(3, 0.5)).toBe(0);
    expect(SURFACES.saddle.marker.kind).toBe('saddle');
  });

  it('log-spaces the contour levels where f spans orders of magnitude', () => {
    for (const s of [SURFACES.rosenbrock, SURFACES.beale]) {
      const ratios = s.levels.slice(1).map((l, i) => l / s.levels[i]);
      for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
      expect(s.levels.at(-1)! / s.levels[0]).toBeGreaterThan(1e4);
    }
  });

  it('suggests a valid spec for every optimizer on every surface, keeping the training defaults but the rate', () => {
    for (const s of surfaces) {
      for (const type of OPTIMIZER_TYPES) {
        const spec = suggestedOptimizer(s, type);
        expect(optimizerSpecSchema.safeParse(spec).success, `${s.id} ${type}`).toBe(true);
        expect(spec.type).toBe(type);
      }
    }
    expect(suggestedOptimizer(SURFACES.bowl, 'adam')).toMatchObject({ learningRate: SURFACES.bowl.rates.step, beta1: 0.9, beta2: 0.999 });
    expect(suggestedOptimizer(SURFACES.rosenbrock, 'sgd')).toEqual({ type: 'sgd', learningRate: SURFACES.rosenbrock.rates.gradient });
  });
});
