import * as tf from '@tensorflow/tfjs';

// What a training step asks of a GPU backend beyond its arithmetic: kernels dispatched through tfjs, shader
// programs run, tensors uploaded from the CPU, and reads back (each read waits for the GPU to finish what
// was queued, and readSync blocks the thread meanwhile). On a real GPU a LeNet-sized step is made of these
// fixed costs more than of arithmetic; on SwiftShader the arithmetic hides them, so the bench counts them
// rather than timing them.

export interface GpuCounts {
  kernels: number;
  programs: number;
  /** Tensors whose values went from the CPU to the GPU (uploadToGPU runs for every input; most are there already). */
  uploads: number;
  uploadBytes: number;
  reads: number;
  syncReads: number;
  /** Uploads by the kernel that caused them (where they come from). */
  uploadsBy: Record<string, number>;
  /** Kernels by name. */
  kernelsBy: Record<string, number>;
}

type Counter = Exclude<keyof GpuCounts, 'uploadsBy' | 'kernelsBy'>;

/** Counts while `work` runs, by wrapping the engine's kernel entry and the current backend's methods. */
export async function countGpuWork(work: () => Promise<unknown>): Promise<GpuCounts> {
  const counts: GpuCounts = { kernels: 0, programs: 0, uploads: 0, uploadBytes: 0, reads: 0, syncReads: 0, uploadsBy: {}, kernelsBy: {} };
  const running: string[] = [];
  const backend = tf.backend() as unknown as Record<string, unknown>;
  const engine = tf.engine() as unknown as Record<string, unknown>;
  const restore: (() => void)[] = [];
  // webgl keeps each tensor's state in texData, webgpu in tensorMap: values still on the CPU, and no texture
  // (webgl) or buffer (webgpu) yet, is what makes uploadToGPU upload.
  const store = (backend.texData ?? backend.tensorMap) as { get(id: unknown): { values?: ArrayLike<number> | null; texture?: unknown; resource?: unknown } } | undefined;
  const uploading = (dataId: unknown): number => {
    const d = store?.get(dataId);
    return d && d.values != null && d.texture == null && d.resource == null ? d.values.length * 4 : 0;
  };
  /** Replaces `target[method]` while `work` runs by `around`, which gets the call's arguments and the original. */
  const wrap = (target: Record<string, unknown>, method: string, around: (args: unknown[], call: () => unknown) => unknown) => {
    const original = target[method];
    if (typeof original !== 'function') return;
    target[method] = function (this: unknown, ...args: unknown[]) {
      return around(args, () => (original as (...a: unknown[]) => unknown).apply(this, args));
    };
    restore.push(() => {
      target[method] = original;
    });
  };
  const counting = (counter: Counter) => (_args: unknown[], call: () => unknown) => {
    counts[counter]++;
    return call();
  };
  // Kernels by name, and which kernel is running when an upload happens.
  wrap(engine, 'runKernelFunc', (args, call) => {
    const name = (args[0] as { kernelName?: string }).kernelName ?? '?';
    counts.kernels++;
    counts.kernelsBy[name] = (counts.kernelsBy[name] ?? 0) + 1;
    running.push(name);
    try {
      return call();
    } finally {
      running.pop();
    }
  });
  wrap(backend, 'runWebGLProgram', counting('programs'));
  wrap(backend, 'runWebGPUProgram', counting('programs'));
  wrap(backend, 'uploadToGPU', (args, call) => {
    const bytes = uploading(args[0]);
    if (bytes > 0) {
      counts.uploads++;
      counts.uploadBytes += bytes;
      const by = running[running.length - 1] ?? '(outside kernels)';
      counts.uploadsBy[by] = (counts.uploadsBy[by] ?? 0) + 1;
    }
    return call();
  });
  wrap(backend, 'read', counting('reads'));
  wrap(backend, 'readSync', counting('syncReads'));
  try {
    await work();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return counts;
}

/** Per step: the counts of a run of `long` steps less those of one of `short`, so set-up cancels out. */
export function perStep(short: GpuCounts, long: GpuCounts, steps: number): GpuCounts {
  const out = { uploadsBy: {}, kernelsBy: {} } as GpuCounts;
  for (const key of Object.keys(short).filter((k) => !k.endsWith('By')) as Counter[]) out[key] = (long[key] - short[key]) / steps;
  for (const by of ['uploadsBy', 'kernelsBy'] as const) {
    for (const [name, n] of Object.entries(long[by])) {
      const each = (n - (short[by][name] ?? 0)) / steps;
      if (each > 0) out[by][name] = each;
    }
  }
  return out;
}
