import { z } from 'zod';
import { optimizerSpecSchema } from '../train/optimizerSpec';
import { SURFACE_IDS } from './surfaces';

export const MAX_PATH_STEPS = 5000;
export const MAX_PATH_OPTIMIZERS = 8;

const coordinate = (axis: string) =>
  z
    .number({ error: `start ${axis} must be a number` })
    .min(-1000, { error: `start ${axis} must be at least −1000` })
    .max(1000, { error: `start ${axis} must be at most 1000` });

/** What the UI asks for: one start point, several optimizers, the same number of steps each. */
export const pathRequestSchema = z.strictObject({
  surface: z.enum(SURFACE_IDS, { error: `surface must be one of ${SURFACE_IDS.join(', ')}` }),
  start: z.tuple([coordinate('x'), coordinate('y')], { error: 'start must be a point [x, y]' }),
  steps: z
    .number({ error: 'steps must be a number' })
    .int({ error: 'steps must be a whole number' })
    .min(1, { error: 'steps must be at least 1' })
    .max(MAX_PATH_STEPS, { error: `steps must be at most ${MAX_PATH_STEPS}` }),
  optimizers: z
    .array(optimizerSpecSchema)
    .min(1, { error: 'choose at least one optimizer' })
    .max(MAX_PATH_OPTIMIZERS, { error: `choose at most ${MAX_PATH_OPTIMIZERS} optimizers` }),
});

export type PathRequest = z.infer<typeof pathRequestSchema>;

/** The request, or an error naming every problem (`optimizers.1.learningRate: …`). */
export function parsePathRequest(request: unknown): PathRequest {
  const parsed = pathRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new Error(`invalid optimizer-path request: ${lines.join('; ')}`);
}
