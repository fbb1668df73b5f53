/** Pause, resume and stop, checked by the training loop between batches. */
export class RunControl {
  private pausedWith: { promise: Promise<void>; release: () => void } | null = null;
  private stopRequested = false;
  /** Set by stepOnce: the loop pauses again as soon as the step it lets through is done. */
  private stepping = false;
  private failure: Error | null = null;
  private failed: Promise<never>;
  private rejectFailed: (e: Error) => void = () => {};

  constructor() {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    // Nobody may be racing against it when it rejects.
    this.failed.catch(() => {});
  }

  /** Set when the run cannot go on (the GPU context was lost): the loop stops at its next wait. */
  get error(): Error | null {
    return this.failure;
  }

  /**
   * Ends the run with `error` from outside the loop. Reads from a lost WebGL context never resolve, so
   * every wait of the loop races against this.
   */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.stopRequested = true;
    this.rejectFailed(error);
    this.resume();
  }

  /** `promise`, or the run's failure if that comes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.failed]);
  }

  get paused(): boolean {
    return this.pausedWith !== null;
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  pause(): void {
    if (this.pausedWith || this.stopRequested) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.pausedWith = { promise, release };
  }

  /** While paused: one more step (the rest of the one a pause landed in, or the next), then paused again. */
  stepOnce(): void {
    if (!this.pausedWith || this.stopRequested) return;
    this.stepping = true;
    this.resume();
  }

  /** Called by the loop after each step: a step let through by stepOnce ends in a pause. */
  stepDone(): void {
    if (!this.stepping) return;
    this.stepping = false;
    this.pause();
  }

  resume(): void {
    const p = this.pausedWith;
    this.pausedWith = null;
    p?.release();
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Resolves when the loop may go on: at once unless paused. */
  async waitWhilePaused(): Promise<void> {
    while (this.pausedWith) await this.pausedWith.promise;
  }
}

/**
 * Resolves in a new task, so that messages (pause, stop) and timers waiting for this thread run. Reads
 * on the cpu and wasm backends resolve as microtasks, so a loop that only awaits them never lets a message
 * in. A MessageChannel round trip, unlike setTimeout(0), is not clamped to 4 ms when nested.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
