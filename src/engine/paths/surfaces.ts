// Classic two-dimensional test functions for watching optimizers move. Each formula is written once,
// over a small set of arithmetic operations, and evaluated two ways: with tfjs ops on tf.variables so
// that the app's real optimizers can step on it (tensorOps.ts), and with plain numbers for drawing
// contours on the main thread, which so never loads TensorFlow.js.

export const SURFACE_IDS = ['rosenbrock', 'beale', 'saddle', 'bowl'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];

/** The operations a formula may use, on numbers or on tensors. */
export interface Ops<T> {
  c(value: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  square(a: T): T;
}

export interface ViewWindow {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface Surface {
  id: SurfaceId;
  /** The formula, in notation that needs no translation. */
  formula: string;
  /** f, written once for numbers and tensors alike. */
  expression<T>(x: T, y: T, o: Ops<T>): T;
  /** f in double precision, for contours and display. */
  value(x: number, y: number): number;
  view: ViewWindow;
  start: [number, number];
  /** Enough steps to see where each optimizer is heading. */
  steps: number;
  /** The point to mark: the global minimum, or for the saddle its saddle point. */
  marker: { point: [number, number]; kind: 'minimum' | 'saddle' };
  /** Contour levels: log-spaced where f spans orders of magnitude. */
  levels: number[];
  /**
   * Learning rates that make a readable picture here, by what the rate scales: `gradient` for the
   * rules that step by rate × gradient (SGD, momentum, Nesterov, tfjs' Adadelta), `step` for those
   * whose step length is about the rate whatever the gradient (Adam, RMSProp, Manhattan, Rprop, …).
   * See suggestedOptimizer in defaults.ts.
   */
  rates: { gradient: number; step: number };
}

const numberOps: Ops<number> = {
  c: (v) => v,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  square: (a) => a * a,
};

type Definition = Omit<Surface, 'value'>;

function surface(d: Definition): Surface {
  return { ...d, value: (x, y) => d.expression(x, y, numberOps) };
}

const geometric = (from: number, to: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from * Math.pow(to / from, i / (count - 1)));

/** Levels c·k² of a quadratic: evenly spaced ellipses. */
const quadraticLevels = (max: number, count: number): number[] => Array.from({ length: count }, (_, i) => (max * (i + 1) ** 2) / count ** 2);

const rosenbrock = surface({
  id: 'rosenbrock',
  formula: 'f(x, y) = (1 − x)² + 100 (y − x²)²',
  expression: (x, y, o) => o.add(o.square(o.sub(o.c(1), x)), o.mul(o.c(100), o.square(o.sub(y, o.square(x))))),
  view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  start: [-1.2, 1],
  steps: 500,
  marker: { point: [1, 1], kind: 'minimum' },
  levels: geometric(0.1, 2000, 14),
  rates: { gradient: 0.001, step: 0.1 },
});

// Beale's terms cᵢ − x + x·yⁱ for i = 1, 2, 3.
const BEALE_C = [1.5, 2.25, 2.625];

const beale = surface({
  id: 'beale',
  formula: 'f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
  expression: (x, y, o) => {
    const powers = [y, o.square(y), o.mul(o.square(y), y)];
    return BEALE_C.map((c, i) => o.square(o.add(o.sub(o.c(c), x), o.mul(x, powers[i])))).reduce((a, b) => o.add(a, b));
  },
  view: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
  start: [1, 1.5],
  steps: 300,
  marker: { point: [3, 0.5], kind: 'minimum' },
  levels: geometric(0.05, 1e5, 24),
  rates: { gradient: 0.005, step: 0.05 },
});

const saddle = surface({
  id: 'saddle',
  formula: 'f(x, y) = x² − y²',
  expression: (x, y, o) => o.sub(o.square(x), o.square(y)),
  view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  // Slightly off the ridge y = 0: exactly on it the gradient has no y part and plain SGD never leaves.
  start: [1.8, 0.02],
  steps: 100,
  marker: { point: [0, 0], kind: 'saddle' },
  levels: Array.from({ length: 15 }, (_, i) => -3.5 + i * 0.5),
  rates: { gradient: 0.05, step: 0.05 },
});

// Curvatures 0.1 and 10: condition number 100, so one rate cannot suit both directions.
const bowl = surface({
  id: 'bowl',
  formula: 'f(x, y) = x²/20 + 5y²',
  expression: (x, y, o) => o.add(o.mul(o.c(0.05), o.square(x)), o.mul(o.c(5), o.square(y))),
  view: { xMin: -10, xMax: 10, yMin: -5, yMax: 5 },
  start: [-9, 2],
  steps: 100,
  marker: { point: [0, 0], kind: 'minimum' },
  levels: quadraticLevels(60, 16),
  rates: { gradient: 0.19, step: 0.3 },
});

export const SURFACES: Record<SurfaceId, Surface> = { rosenbrock, beale, saddle, bowl };

export function surfaceById(id: SurfaceId): Surface {
  return SURFACES[id];
}
