import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgl' | 'cpu';

export interface BackendInfo {
  name: string;
  /** Why the preferred backend was not used, when it was not. */
  fallbackReason: string | null;
  /** WebGL version and renderer string, to tell a real GPU from software rendering. */
  detail: string | null;
}

function webglDetail(): string | null {
  try {
    const version = tf.env().getNumber('WEBGL_VERSION');
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const gl = backend.gpgpu?.gl;
    const renderer = gl ? String(gl.getParameter(gl.RENDERER)) : 'unknown renderer';
    return `WebGL ${version} · ${renderer}`;
  } catch {
    return null;
  }
}

/** Uses the first backend of `order` that initialises; the cpu backend always does. */
export async function selectBackend(order: BackendName[] = ['webgl', 'cpu']): Promise<BackendInfo> {
  const failures: string[] = [];
  for (const name of order) {
    let ok = false;
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    if (ok) {
      return {
        name: tf.getBackend(),
        fallbackReason: failures.length ? failures.join('; ') : null,
        detail: name === 'webgl' ? webglDetail() : null,
      };
    }
    failures.push(`${name}: not available in this browser`);
  }
  throw new Error(`no TensorFlow.js backend could start (${failures.join('; ')})`);
}
