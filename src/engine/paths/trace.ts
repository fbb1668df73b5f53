import * as tf from '@tensorflow/tfjs';
import { createOptimizer } from '../train/optimizers';
import type { OptimizerSpec } from '../train/optimizerSpec';
import { parsePathRequest } from './request';
import { surfaceById, type Surface } from './surfaces';
import { surfaceTensor } from './tensorOps';

/** [x, y, f(x, y)] after each step; index 0 is the start point. */
export type PathPoint = [number, number, number];

export interface PathStop {
  /** The step that went wrong; its point is the last one kept for 'diverged', dropped for 'nan'. */
  step: number;
  /** 'nan': a coordinate or the loss stopped being finite; 'diverged': the point left the plot far behind. */
  reason: 'nan' | 'diverged';
}

export interface PathTrace {
  spec: OptimizerSpec;
  points: PathPoint[];
  stopped: PathStop | null;
}

export interface PathsResult {
  surface: Surface['id'];
  start: [number, number];
  steps: number;
  paths: PathTrace[];
  /** The tfjs backend the optimizers ran on. */
  backend: string;
  ms: number;
}

/** How far outside the view window a point may go, in window sizes, before the path counts as diverged. */
const ESCAPE_WINDOWS = 10;

function escaped(surface: Surface, x: number, y: number): boolean {
  const { xMin, xMax, yMin, yMax } = surface.view;
  const span = Math.max(xMax - xMin, yMax - yMin);
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  return Math.abs(x - cx) > ESCAPE_WINDOWS * span || Math.abs(y - cy) > ESCAPE_WINDOWS * span;
}

/**
 * Runs the app's own optimizer for `spec` on two tf.variables for `steps` steps from `start`, as in
 * training: one `minimize(f)` per step (SCG evaluates f several times inside it). Stops early when
 * the point stops being finite or runs away. Leaves no tensors behind.
 */
export function traceOptimizer(surface: Surface, start: [number, number], steps: number, spec: OptimizerSpec): PathTrace {
  const x = tf.tidy(() => tf.variable(tf.scalar(start[0]), true));
  const y = tf.tidy(() => tf.variable(tf.scalar(start[1]), true));
  const optimizer = createOptimizer(spec);
  const f = () => surfaceTensor(surface, x, y);
  const points: PathPoint[] = [[start[0], start[1], surface.value(start[0], start[1])]];
  let stopped: PathStop | null = null;
  try {
    for (let step = 1; step <= steps; step++) {
      optimizer.minimize(f, false, [x, y]);
      // Read back at float32, as the optimizer holds them; f in double from those coordinates.
      const px = x.dataSync()[0];
      const py = y.dataSync()[0];
      const loss = surface.value(px, py);
      if (!Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(loss)) {
        stopped = { step, reason: 'nan' };
        break;
      }
      points.push([px, py, loss]);
      if (escaped(surface, px, py)) {
        stopped = { step, reason: 'diverged' };
        break;
      }
    }
  } finally {
    disposeOptimizer(optimizer);
    x.dispose();
    y.dispose();
  }
  return { spec, points, stopped };
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() forgets the −rate scalar `c` that its parent SGDOptimizer
 * keeps, so one tensor would leak per momentum path.
 */
function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}

/** Validates `request` and traces every optimizer in it on the current backend. */
export function tracePaths(request: unknown): PathsResult {
  const r = parsePathRequest(request);
  const surface = surfaceById(r.surface);
  const t0 = performance.now();
  const paths = r.optimizers.map((spec) => traceOptimizer(surface, r.start, r.steps, spec));
  return { surface: r.surface, start: r.start, steps: r.steps, paths, backend: tf.getBackend(), ms: performance.now() - t0 };
}
