// Live predictions while drawing: inputs come every frame, a prediction takes a round trip to the worker.

export type Answer<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Runs `work` for the newest input only. At most one request is in flight: inputs arriving meanwhile replace
 * each other, and the last one is sent when the answer comes, so a slow backend is never sent a queue of
 * drawings it would answer seconds late. Answers arrive in the order sent, and an answer for anything before
 * the last `reset` (the pad was cleared, another picture chosen) is dropped.
 */
export class LatestOnly<I, O> {
  private pending: { input: I } | null = null;
  private busy = false;
  private generation = 0;

  constructor(
    private readonly work: (input: I) => Promise<O>,
    private readonly show: (answer: Answer<O>) => void,
  ) {}

  submit(input: I): void {
    this.pending = { input };
    if (!this.busy) this.next();
  }

  /** Forgets the waiting input and drops the answer in flight. */
  reset(): void {
    this.pending = null;
    this.generation++;
  }

  private next(): void {
    const job = this.pending;
    if (!job) return;
    this.pending = null;
    this.busy = true;
    const generation = this.generation;
    const settle = (answer: Answer<O>) => {
      this.busy = false;
      if (generation === this.generation) this.show(answer);
      this.next();
    };
    let promise: Promise<O>;
    try {
      promise = this.work(job.input);
    } catch (error) {
      promise = Promise.reject(error); // a work function that throws before returning its promise
    }
    promise.then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    );
  }
}
