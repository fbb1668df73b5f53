import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineSession } from '../../../src/engine/session';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import type { TrainEvent } from '../../../src/engine/train/events';
import { addImages, deleteClass, newOwnDataset, ownDatasetArrays, type OwnImage } from '../../../src/engine/data/userDatasets';

// An own dataset reaches the engine as arrays (as the page hands them over) and trains like a built-in one.

const GREY = 28 * 28;

/** Class "left": ink on the left half; "right": on the right half; with a little seeded noise. */
function halves(n: number): OwnImage[] {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 40);
  return (['left', 'right'] as const).flatMap((side) =>
    Array.from({ length: n }, (_, i) => {
      const pixels = new Uint8Array(GREY);
      for (let p = 0; p < GREY; p++) pixels[p] = ((p % 28 < 14) === (side === 'left') ? 200 : 0) + noise();
      return { className: side, source: `${side}/${i}.png`, pixels };
    }),
  );
}

const spec = {
  inputShape: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 2, activation: 'softmax' },
  ],
};

describe('an own dataset in the engine', () => {
  let session: EngineSession;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    session = new EngineSession('http://unused/');
  });

  it('is explored and trained on like a built-in dataset, and replaced when edited', async () => {
    const built = addImages(newOwnDataset('Halves', 'grey28', 'own-halves', 0), halves(30));
    if (!built.ok) throw new Error(built.problem.code);
    const loaded = session.addDataset(ownDatasetArrays(built.dataset));
    expect(loaded).toMatchObject({ id: 'own-halves', name: 'Halves', classNames: ['left', 'right'], trainCount: 48, testCount: 12, imageShape: [28, 28, 1] });
    const sizes = { train: 40, validation: 8, test: 12 };
    const preview = session.preview('own-halves', sizes, 1, 4);
    expect(preview.histograms).toEqual({ train: [20, 20], validation: [4, 4], test: [6, 6] });
    expect(preview.samples.length).toBe(2 * 4 * GREY);
    const config: TrainingConfig = { ...DEFAULT_TRAINING, epochs: 4, batchSize: 8, seed: 1, subsets: sizes };
    const events: TrainEvent[] = [];
    await session.train('own-halves', spec, config, (e) => events.push(e));
    const done = events.at(-1);
    if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
    expect(done.test.accuracy).toBeGreaterThan(0.5);
    // Edited (20 images of a third class added, the first class deleted): the new arrays replace the old, and
    // subsets are chosen from them: 24 + 16 training images, 30 taken in proportion.
    const more = addImages(built.dataset, halves(10).map((i) => ({ ...i, className: 'third' })));
    if (!more.ok) throw new Error(more.problem.code);
    session.addDataset(ownDatasetArrays(deleteClass(more.dataset, 0)));
    expect(session.preview('own-halves', { train: 30, validation: 10, test: 10 }, 1, 2).histograms.train).toEqual([18, 12]);
    expect(session.hasDataset('own-elsewhere')).toBeNull();
    await expect(session.openDataset('own-elsewhere')).rejects.toThrow('own dataset own-elsewhere has not been handed to the engine');
  });
});
