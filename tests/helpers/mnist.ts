import * as tf from '@tensorflow/tfjs';
import { loadIdxDataset } from './idx';
import { EngineSession } from '../../src/engine/session';
import type { ModelSpec } from '../../src/engine/spec/layers';
import { beforeAll } from 'vitest';

export { loadIdxDataset, SHARED } from './idx';

/** An engine session with real MNIST added, on the cpu backend; set up once per test file. */
export function mnistSessionOnCpu(): { session: EngineSession } {
  const holder = {} as { session: EngineSession };
  beforeAll(async () => {
    await tf.setBackend('cpu');
    holder.session = new EngineSession('http://unused/');
    holder.session.addDataset(loadIdxDataset('mnist'));
  });
  return holder;
}

/** A small real CNN: quick enough on the cpu backend to train on a few thousand MNIST images in a test. */
export const SMALL_MNIST_CNN: ModelSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' },
    { type: 'maxPool', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};
