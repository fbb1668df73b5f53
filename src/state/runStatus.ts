import type { RunStatus } from './store';

// A run's status only moves forward. Events from the worker come over their own channel and can arrive
// late: a 'start' that lands after the user pressed Stop must not turn "Stopping…" back into "Training".

const TERMINAL: readonly RunStatus[] = ['done', 'stopped', 'failed', 'diverged'];

/** Where each status may go next. Terminal statuses go nowhere: a re-run starts the run afresh. */
const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  idle: ['queued', 'starting'],
  queued: ['starting', 'stopped'],
  starting: ['running', 'pausing', 'stopping', ...TERMINAL],
  running: ['pausing', 'paused', 'stopping', ...TERMINAL],
  pausing: ['paused', 'stopping', ...TERMINAL],
  paused: ['running', 'stopping', ...TERMINAL],
  stopping: ['stopped', 'done', 'failed', 'diverged'],
  done: [],
  stopped: [],
  failed: [],
  diverged: [],
};

/** `next` when the run may move there from `current`, else `current`. */
export function advanceStatus(current: RunStatus, next: RunStatus): RunStatus {
  return current === next || NEXT[current].includes(next) ? next : current;
}

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL.includes(status);
}
