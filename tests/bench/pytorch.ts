import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ModelSpec } from '../../src/engine/spec/layers';

// The bench's reference point: the same model trained by PyTorch on the CPU with the app's thread count
// (pytorch_reference.py). PyTorch is what a user would pick instead, so its images/s are the figure the
// app's CPU path is measured against. Found where python3 can import torch; else the bench says how to get it.

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Debian's python3-torch lives under /usr/bin/python3; a python3 earlier on PATH (pyenv) may lack it.
const PYTHONS = ['/usr/bin/python3', 'python3'];

const resultSchema = z.object({ torch: z.string(), threads: z.number(), cells: z.array(z.object({ batch: z.number(), imagesPerSec: z.number() })) });
export type PyTorchResult = z.infer<typeof resultSchema>;

export function findTorchPython(): string | null {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    if (probe.status === 0) return python;
  }
  return null;
}

export const HOW_TO_GET_TORCH = 'PyTorch reference skipped: no python3 here imports torch (on Debian: apt-get install -y python3-torch)';

export function pytorchReference(
  python: string,
  o: { spec: ModelSpec; classes: number; batches: number[]; threads: number; images: number; seconds: number; repeats: number; learningRate: number },
): PyTorchResult {
  const run = spawnSync(python, [path.join(HERE, 'pytorch_reference.py')], { input: JSON.stringify(o), encoding: 'utf8', timeout: 30 * 60_000 });
  if (run.status !== 0) throw new Error(`the PyTorch reference failed: ${(run.stderr || run.error?.message || '').trim().split('\n').pop()}`);
  return resultSchema.parse(JSON.parse(run.stdout.trim().split('\n').pop()!));
}
