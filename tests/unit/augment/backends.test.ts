import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch } from '../../../src/engine/augment/augmentBatch';
import { defaultAugmentation } from '../../../src/engine/augment/spec';
import { relativeError, setUpBackends } from '../wasm/compare';
import { only, randomImages } from './images';

// The wasm backend (the fast path in the app) and the cpu backend augment a batch alike: same draws, same
// kernels' results up to float rounding, for every op at once and for each dataset's defaults.

beforeAll(setUpBackends);

const ALL_OPS = only({
  flipHorizontal: { probability: 0.5 },
  flipVertical: { probability: 0.5 },
  rotation: { probability: 0.8, magnitude: 25 },
  translation: { probability: 0.8, magnitude: 3 },
  scale: { probability: 0.8, magnitude: 0.2 },
  brightness: { probability: 0.6, magnitude: 0.2 },
  contrast: { probability: 0.6, magnitude: 0.4 },
  noise: { probability: 0.5, magnitude: 0.05 },
  cutout: { probability: 0.5, magnitude: 0.3 },
});

async function on(backend: 'cpu' | 'wasm', spec: typeof ALL_OPS, shape: [number, number, number, number], step: number) {
  await tf.setBackend(backend);
  return tf.tidy(() => Array.from(augmentBatch(spec, randomImages(shape), 42, step).dataSync()));
}

describe('augmentation on cpu and wasm', () => {
  const cases: [string, typeof ALL_OPS, [number, number, number, number]][] = [
    ['every op, MNIST-sized batch', ALL_OPS, [16, 28, 28, 1]],
    ['every op, CIFAR-sized colour batch', ALL_OPS, [8, 32, 32, 3]],
    ['MNIST defaults', { ...defaultAugmentation('mnist'), enabled: true }, [16, 28, 28, 1]],
    ['CIFAR-10 defaults', { ...defaultAugmentation('cifar10'), enabled: true }, [8, 32, 32, 3]],
  ];
  for (const [label, spec, shape] of cases) {
    it(label, async () => {
      for (const step of [0, 7]) {
        const cpu = await on('cpu', spec, shape, step);
        const wasm = await on('wasm', spec, shape, step);
        expect(relativeError(cpu, wasm)).toBeLessThan(1e-5);
      }
      await tf.setBackend('cpu');
    });
  }
});
