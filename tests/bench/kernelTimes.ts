import type * as tf from '@tensorflow/tfjs';

type ProfileInfo = Awaited<ReturnType<typeof tf.profile>>;

export interface KernelTimes {
  /** Kernel milliseconds summed over every call. */
  kernelMs: number;
  calls: number;
  /** By kernel name, the most time first. */
  kernels: { name: string; calls: number; ms: number }[];
}

/** A tf.profile result summed by kernel name (shared by the browser bench and the Node step profiler). */
export function kernelTimes(info: ProfileInfo): KernelTimes {
  const byName = new Map<string, { calls: number; ms: number }>();
  let kernelMs = 0;
  let calls = 0;
  for (const k of info.kernels) {
    // "fusedConv2d__op" and the like are tfjs ops that wrap a kernel listed on its own: counting both
    // would count that kernel's time twice.
    if (k.name.endsWith('__op')) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    kernelMs += ms;
    calls++;
    const entry = byName.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += ms;
    byName.set(k.name, entry);
  }
  return { kernelMs, calls, kernels: [...byName.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.ms - a.ms) };
}
