/** Pause, resume and stop, checked by the training loop between batches. */
export class RunControl {
  private pausedWith: { promise: Promise<void>; release: () => void } | null = null;
  private stopRequested = false;

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
