import * as tf from '@tensorflow/tfjs';
import { tracePaths, type PathsResult } from './trace';

/** Waits until no backend is starting (the app may be probing or calibrating backends meanwhile). */
async function noBackendStarting(): Promise<void> {
  // tfjs keeps the promise of a backend's asynchronous start-up private; tf.ready() waits for it.
  const engine = tf.engine() as unknown as { pendingBackendInit: Promise<boolean> | null };
  while (engine.pendingBackendInit != null) await tf.ready().catch(() => undefined);
}

/**
 * Traces on the cpu backend, then switches back to the one in use. A 2-D path is a long chain of
 * scalar ops, each read back before the next step: on WebGL every op is a shader dispatch and every
 * read a GPU sync. In Chromium with SwiftShader WebGL, 3 optimizers × 200 steps on Rosenbrock took
 * 6.1 s on WebGL and 0.45 s on cpu, with identical paths.
 *
 * Switching to a backend that starts synchronously (cpu, or one already started) happens inside the
 * tf.setBackend call, so switch, trace and switch back run without a break in which other work of
 * the worker (a backend probe, a calibration step) could run on the wrong backend. The caller must
 * not do this during training, whose tensors live on the other backend.
 */
export async function tracePathsOnCpu(request: unknown): Promise<PathsResult> {
  await noBackendStarting();
  const previous = tf.getBackend();
  if (previous === 'cpu') return tracePaths(request);
  const switched = tf.setBackend('cpu');
  if (tf.getBackend() !== 'cpu') throw new Error(`the cpu backend did not start (${String(await switched)})`);
  try {
    return tracePaths(request);
  } finally {
    await Promise.all([switched, tf.setBackend(previous)]);
  }
}
