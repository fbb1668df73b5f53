import { describe, expect, it } from 'vitest';
import { splitFold } from '../../../src/engine/data/folds';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../../src/engine/train/config';
import type { TrainEvent } from '../../../src/engine/train/events';
import { tinyModel } from '../../../src/state/overfittingRuns';
import { loadIdxDataset, mnistSessionOnCpu } from '../../helpers/mnist';

// The engine honours a run's fold and bootstrap member: one fold validates on its fold (even with no
// validation subset), and the ensemble evaluation scores each member as its own run's test did.

const holder = mnistSessionOnCpu();
const spec = { ...tinyModel([28, 28, 1], 10), layers: [{ type: 'flatten' as const }, { type: 'dense' as const, units: 10, activation: 'softmax' as const }] };
const base: TrainingConfig = { ...DEFAULT_TRAINING, epochs: 1, batchSize: 50, seed: 3, subsets: { train: 300, validation: 0, test: 200 } };

async function train(config: TrainingConfig, runId?: string): Promise<TrainEvent[]> {
  const events: TrainEvent[] = [];
  await holder.session.train('mnist', spec, config, (e) => events.push(e), runId);
  return events;
}

describe('the session trains one fold or one bagging member', () => {
  it('a fold trains on the other folds and validates on its own', async () => {
    const config = { ...base, fold: { k: 3, index: 1 } };
    const picked = holder.session.trainingSubsets('mnist', config);
    const whole = holder.session.trainingSubsets('mnist', base);
    const expected = splitFold(whole.train, loadIdxDataset('mnist').train.labels, 10, { k: 3, index: 1 }, 3);
    expect([picked.train.length, picked.validation.length]).toEqual([200, 100]);
    expect(Array.from(picked.validation)).toEqual(Array.from(expected.validation));
    expect(Array.from(picked.test)).toEqual(Array.from(whole.test));
    const events = await train(config);
    const epoch = events.find((e) => e.kind === 'epoch');
    expect(epoch?.kind === 'epoch' && epoch.metrics.valAccuracy).toBeGreaterThan(0.2);
    const start = events.find((e) => e.kind === 'batches');
    expect(start?.kind === 'batches' && start.progress.batchesPerEpoch).toBe(4); // 200 images / 50
  });

  it('members train on their own bootstrap samples; the ensemble scores each as its run’s test did', async () => {
    const accuracies: number[] = [];
    for (const member of [0, 1, 2]) {
      const events = await train({ ...base, epochs: 5, bootstrap: { member } }, `bag-${member}`);
      const done = events.at(-1);
      if (done?.kind !== 'done' || !done.test) throw new Error('no test result');
      accuracies.push(done.test.accuracy);
    }
    const a = holder.session.trainingSubsets('mnist', { ...base, bootstrap: { member: 0 } }).train;
    const b = holder.session.trainingSubsets('mnist', { ...base, bootstrap: { member: 1 } }).train;
    expect(a.length).toBe(300);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const result = await holder.session.evaluateEnsemble(['bag-0', 'bag-1', 'bag-2'], 'mnist', base.subsets, base.seed);
    expect(result.images).toBe(200);
    result.members.forEach((m, i) => expect(m.accuracy).toBeCloseTo(accuracies[i], 6));
    expect(result.accuracy).toBeGreaterThan(0.5);
    await expect(holder.session.evaluateEnsemble(['bag-0'], 'mnist', base.subsets, base.seed)).rejects.toThrow('at least 2 members');
  });
});
