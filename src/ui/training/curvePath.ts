import { scheduleCurve, type ScheduleSpec } from '../../engine/train/schedule';

/**
 * The SVG path of the schedule's multiplier over a run, in a `width`×`height` box, or null when the
 * settings draw no curve: while a field such as the batch size or the epochs is empty or not a number,
 * every point would be NaN, and an SVG path with NaN in it is an error the browser logs.
 */
export function schedulePath(schedule: ScheduleSpec, epochs: number, stepsPerEpoch: number, width: number, height: number): string | null {
  if (!(epochs > 0) || !Number.isFinite(epochs * stepsPerEpoch)) return null;
  const coords = scheduleCurve(schedule, epochs, Math.max(1, stepsPerEpoch)).map((p) => [(p.epoch / epochs) * width, height - 2 - p.factor * (height - 4)]);
  if (!coords.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) return null;
  return coords.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}
