// Failures the UI must tell apart from others, by the error's name (Comlink carries an error's name and
// message across the worker boundary, nothing else). The message stays English for logs and Node; the UI
// words each kind in its own language (i18n `engineErrors.*`).

export type EngineErrorKind = 'contextLost' | 'tooBig' | 'tooSlow' | 'outOfMemory';

const NAMES: Record<EngineErrorKind, string> = {
  contextLost: 'ContextLostError',
  tooBig: 'RunTooBigError',
  tooSlow: 'StepTooSlowError',
  outOfMemory: 'OutOfMemoryError',
};

export const ENGINE_ERRORS_EN: Record<EngineErrorKind, string> = {
  contextLost: 'the GPU context was lost (a driver reset, another tab taking the GPU, or a sleeping laptop): the training engine restarts',
  tooBig: 'this run does not fit in memory',
  tooSlow: 'one training step of this model would hold the engine too long',
  outOfMemory: 'the backend ran out of memory during training',
};

export function engineError(kind: EngineErrorKind, detail?: string): Error {
  const error = new Error(detail ? `${ENGINE_ERRORS_EN[kind]}: ${detail}` : ENGINE_ERRORS_EN[kind]);
  error.name = NAMES[kind];
  return error;
}

export function engineErrorKind(e: unknown): EngineErrorKind | null {
  const name = (e as { name?: unknown } | null)?.name;
  return (Object.keys(NAMES) as EngineErrorKind[]).find((k) => NAMES[k] === name) ?? null;
}

/** The detail after the kind's English lead, e.g. the memory figures of a refusal. */
export function engineErrorDetail(e: { message: string }, kind: EngineErrorKind): string | null {
  const lead = `${ENGINE_ERRORS_EN[kind]}: `;
  return e.message.startsWith(lead) ? e.message.slice(lead.length) : null;
}

/** Raw messages of tfjs, Emscripten and the browser that all mean memory ran out. */
const OUT_OF_MEMORY = [
  /array buffer allocation failed/i,
  /memory access out of bounds/i,
  /requested texture size .* greater than/i,
  /out of memory/i,
  /cannot enlarge memory/i,
  /aborted\(oom\)/i,
  /invalid array length/i,
];

export function isOutOfMemory(message: string): boolean {
  return OUT_OF_MEMORY.some((re) => re.test(message));
}
