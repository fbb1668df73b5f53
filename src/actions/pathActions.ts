import { suggestedOptimizer, rateKey } from '../engine/paths/defaults';
import { MAX_PATH_OPTIMIZERS, pathRequestSchema, type PathRequest } from '../engine/paths/request';
import { surfaceById, type SurfaceId } from '../engine/paths/surfaces';
import { OPTIMIZER_TYPES, type OptimizerSpec, type OptimizerType } from '../engine/train/optimizerSpec';
import { getEngine } from '../state/engine';
import { PATH_COLORS, getPaths, pathRow, setPaths, type PathsState } from '../state/paths';
import { getApp, isTraining } from '../state/store';
import { defineAction } from './types';

// Commands of the optimizer-paths lab: what to trace (surface, start, steps, optimizers), tracing it
// in the engine's worker, and playing the result back.

export function pathRequest(s: PathsState): PathRequest {
  return { surface: s.surface, start: s.start, steps: s.steps, optimizers: s.rows.map((r) => r.spec) };
}

// One trace at a time; changes made meanwhile are traced once it returns (the latest wins).
let tracing = false;
let again = false;

async function trace(): Promise<void> {
  if (!getApp().backend) return; // the panel asks again once the engine has started
  if (isTraining(getApp())) {
    setPaths({ status: 'waitingForTraining', playing: false });
    return;
  }
  const request = pathRequest(getPaths());
  if (!pathRequestSchema.safeParse(request).success) return; // the fields show what is wrong
  setPaths({ status: 'computing', error: null });
  if (tracing) {
    again = true;
    return;
  }
  tracing = true;
  try {
    const result = await getEngine().tracePaths(request);
    if (JSON.stringify(pathRequest(getPaths())) === JSON.stringify(request)) {
      setPaths((s) => ({ result, status: 'ready', frame: Math.min(s.frame, result.steps) }));
    }
  } catch (e) {
    setPaths({ status: 'failed', error: e instanceof Error ? e.message : String(e), playing: false });
  } finally {
    tracing = false;
    if (again) {
      again = false;
      void trace();
    }
  }
}

export const tracePaths = defineAction({
  name: 'tracePaths',
  labelKey: 'paths.trace',
  enabled: (s) => !isTraining(s) && !!s.backend,
  perform: trace,
});

export const choosePathSurface = defineAction<SurfaceId>({
  name: 'choosePathSurface',
  labelKey: 'paths.surface',
  perform(id) {
    const surface = surfaceById(id);
    // Rates that suit one surface are far off on another (Rosenbrock vs the bowl: ×190), so rows start over at this one's.
    setPaths((s) => ({
      surface: id,
      start: surface.start,
      steps: surface.steps,
      rows: s.rows.map((r) => ({ ...r, spec: suggestedOptimizer(surface, r.spec.type) })),
      result: null,
      frame: 0,
    }));
    void trace();
  },
});

export const setPathStart = defineAction<[number, number]>({
  name: 'setPathStart',
  labelKey: 'paths.start',
  perform(start) {
    setPaths({ start, frame: 0 });
    void trace();
  },
});

export const setPathSteps = defineAction<number>({
  name: 'setPathSteps',
  labelKey: 'paths.steps',
  perform(steps) {
    setPaths({ steps });
    void trace();
  },
});

export const addPathOptimizer = defineAction({
  name: 'addPathOptimizer',
  labelKey: 'paths.add',
  perform() {
    const s = getPaths();
    if (s.rows.length >= MAX_PATH_OPTIMIZERS) return;
    const used = new Set(s.rows.map((r) => r.spec.type));
    const type = OPTIMIZER_TYPES.find((t) => !used.has(t)) ?? 'sgd';
    const color = PATH_COLORS.find((c) => !s.rows.some((r) => r.color === c)) ?? PATH_COLORS[0];
    setPaths({ rows: [...s.rows, pathRow(suggestedOptimizer(surfaceById(s.surface), type), color)] });
    void trace();
  },
});

export const removePathOptimizer = defineAction<string>({
  name: 'removePathOptimizer',
  labelKey: 'paths.remove',
  perform(key) {
    setPaths((s) => ({ rows: s.rows.length > 1 ? s.rows.filter((r) => r.key !== key) : s.rows }));
    void trace();
  },
});

export const choosePathOptimizer = defineAction<{ key: string; type: OptimizerType }>({
  name: 'choosePathOptimizer',
  labelKey: 'paths.optimizer',
  perform({ key, type }) {
    setPaths((s) => ({ rows: s.rows.map((r) => (r.key === key ? { ...r, spec: suggestedOptimizer(surfaceById(s.surface), type) } : r)) }));
    void trace();
  },
});

/** Sets the row's learning rate, or Rprop's initial step. */
export const setPathRate = defineAction<{ key: string; value: number }>({
  name: 'setPathRate',
  labelKey: 'hyper.learningRate',
  perform({ key, value }) {
    setPaths((s) => ({
      rows: s.rows.map((r) => {
        const field = rateKey(r.spec);
        return r.key === key && field ? { ...r, spec: { ...r.spec, [field]: value } as OptimizerSpec } : r;
      }),
    }));
    void trace();
  },
});

// Playback: a requestAnimationFrame loop that only moves `frame`; the plot redraws from the store.

/** A whole run plays in about this long, but never faster than SLOWEST steps a second. */
const PLAY_SECONDS = 6;
const SLOWEST = 15;
let raf = 0;
let playhead = 0;
let last = 0;

function tick(now: number): void {
  const s = getPaths();
  if (!s.playing) {
    raf = 0;
    return;
  }
  const dt = last ? Math.min(now - last, 250) : 0; // slow frames still advance; a long stall does not skip ahead
  last = now;
  if (s.result && s.status === 'ready') {
    const total = s.result.steps;
    if (Math.floor(playhead) !== s.frame) playhead = s.frame; // the user moved the slider
    playhead = Math.min(total, playhead + (dt / 1000) * Math.max(SLOWEST, total / PLAY_SECONDS));
    const frame = Math.floor(playhead);
    if (frame !== s.frame || frame >= total) setPaths({ frame, playing: frame < total });
  }
  raf = requestAnimationFrame(tick);
}

function startPlayback(): void {
  if (raf) return;
  last = 0;
  playhead = getPaths().frame;
  raf = requestAnimationFrame(tick);
}

export const playPaths = defineAction({
  name: 'playPaths',
  labelKey: 'paths.play',
  perform() {
    const s = getPaths();
    if (s.result && s.frame >= s.result.steps) setPaths({ frame: 0 }); // from the start again
    setPaths({ playing: true });
    startPlayback();
  },
});

export const pausePaths = defineAction({
  name: 'pausePaths',
  labelKey: 'paths.pause',
  perform() {
    setPaths({ playing: false });
  },
});

/** One step forward (+1) or back (−1), pausing playback. */
export const stepPaths = defineAction<1 | -1>({
  name: 'stepPaths',
  labelKey: 'paths.stepForward',
  perform(delta) {
    setPaths((s) => ({ playing: false, frame: Math.max(0, Math.min(s.result?.steps ?? 0, s.frame + delta)) }));
  },
});

export const seekPaths = defineAction<number>({
  name: 'seekPaths',
  labelKey: 'paths.slider',
  perform(frame) {
    setPaths((s) => ({ frame: Math.max(0, Math.min(s.result?.steps ?? 0, Math.round(frame))) }));
  },
});

export const resetPaths = defineAction({
  name: 'resetPaths',
  labelKey: 'paths.reset',
  perform() {
    setPaths({ playing: false, frame: 0 });
  },
});
