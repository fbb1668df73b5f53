import * as tf from '@tensorflow/tfjs';

// The WebGL context tfjs trains on can be lost at any time (GPU driver reset, the OS reclaiming the GPU,
// too many contexts in other tabs). tfjs does not notice: its reads then never resolve and training hangs.

function currentGl(): WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  return backend.gpgpu?.gl ?? null;
}

const watched = new WeakSet<object>();

/**
 * Calls `onLost` once when the current WebGL context is lost: on the canvas's event, and from a
 * half-second poll of isContextLost() in case the event does not reach an OffscreenCanvas in a worker.
 */
export function watchContextLoss(onLost: () => void): void {
  const gl = currentGl();
  if (!gl || watched.has(gl)) return;
  watched.add(gl);
  let fired = false;
  const lost = () => {
    if (fired) return;
    fired = true;
    clearInterval(poll);
    onLost();
  };
  const canvas = gl.canvas as unknown as EventTarget;
  canvas.addEventListener?.('webglcontextlost', (e) => {
    e.preventDefault(); // asks the browser to offer a restore, which a new worker will use
    lost();
  });
  const poll = setInterval(() => {
    if (gl.isContextLost()) lost();
  }, 500);
}

/** Loses the current WebGL context on purpose, as a driver reset would; false when not on WebGL. */
export function loseContextForTest(): boolean {
  const ext = currentGl()?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
