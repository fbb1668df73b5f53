import { z } from 'zod';

// Learning-rate schedules as a multiplier on the optimizer's base rate. Pure functions of the step, so
// the trainer, the tests and the UI's little curve all agree on the same numbers.

const epochsField = (name: string, d: number, min = 0) =>
  z
    .number({ error: `${name} must be a number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(500, { error: `${name} must be at most 500` })
    .default(d);
const factorField = (name: string, d: number) =>
  z
    .number({ error: `${name} must be a number` })
    .gt(0, { error: `${name} must be greater than 0` })
    .max(1, { error: `${name} must be at most 1` })
    .default(d);
const warmup = epochsField('warm-up epochs', 0);

export const scheduleSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), warmupEpochs: warmup }),
  /** × factor every `everyEpochs` epochs. */
  z.strictObject({
    type: z.literal('step'),
    everyEpochs: epochsField('step interval (epochs)', 1, 0.01),
    factor: factorField('step factor', 0.5),
    warmupEpochs: warmup,
  }),
  /** × factor per epoch, continuously. */
  z.strictObject({ type: z.literal('exponential'), factor: factorField('decay per epoch', 0.5), warmupEpochs: warmup }),
  /** Half a cosine from the base rate down to base × floor at the last step. */
  z.strictObject({
    type: z.literal('cosine'),
    floor: z
      .number({ error: 'final fraction must be a number' })
      .min(0, { error: 'final fraction must be at least 0' })
      .max(1, { error: 'final fraction must be at most 1' })
      .default(0),
    warmupEpochs: warmup,
  }),
]);

export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;
export type ScheduleType = ScheduleSpec['type'];
export const SCHEDULE_TYPES: ScheduleType[] = ['constant', 'step', 'exponential', 'cosine'];

export function defaultSchedule(type: ScheduleType): ScheduleSpec {
  return scheduleSpecSchema.parse({ type });
}

/**
 * The multiplier at optimizer step `step` (0-based) of a run of `totalSteps` steps with `stepsPerEpoch`
 * steps an epoch. Warm-up ramps linearly from 1/warmupSteps to 1 and then hands over to the decay, which
 * counts from the end of warm-up so the two never fight.
 */
export function learningRateFactor(schedule: ScheduleSpec, step: number, stepsPerEpoch: number, totalSteps: number): number {
  const warmupSteps = Math.min(totalSteps, Math.round(schedule.warmupEpochs * stepsPerEpoch));
  if (step < warmupSteps) return (step + 1) / warmupSteps;
  const t = step - warmupSteps;
  const epoch = t / stepsPerEpoch;
  switch (schedule.type) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor(epoch / schedule.everyEpochs + 1e-9);
    case 'exponential':
      return schedule.factor ** epoch;
    case 'cosine': {
      const span = Math.max(1, totalSteps - warmupSteps);
      const progress = Math.min(1, t / span);
      return schedule.floor + (1 - schedule.floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}

/** `points` evenly spaced (epoch, factor) pairs over the run, for drawing the schedule. */
export function scheduleCurve(schedule: ScheduleSpec, epochs: number, stepsPerEpoch: number, points = 60): { epoch: number; factor: number }[] {
  const totalSteps = Math.max(1, epochs * stepsPerEpoch);
  const out: { epoch: number; factor: number }[] = [];
  for (let i = 0; i < points; i++) {
    const step = Math.min(totalSteps - 1, Math.round((i / (points - 1)) * (totalSteps - 1)));
    out.push({ epoch: step / stepsPerEpoch, factor: learningRateFactor(schedule, step, stepsPerEpoch, totalSteps) });
  }
  return out;
}
