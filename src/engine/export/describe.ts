import type { OptimizerSpec } from '../train/optimizerSpec';
import type { ScheduleSpec } from '../train/schedule';
import type { Experiment } from './experiment';
import { grouped } from './python';

// Plain-English summaries of the settings for the scripts' header comments.

const OPTIMIZER_NAMES: Record<OptimizerSpec['type'], string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  adam: 'Adam',
  rmsprop: 'RMSProp',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
  nesterov: 'SGD with Nesterov momentum',
  adamax: 'Adamax',
  rprop: 'iRprop−',
  manhattan: 'the Manhattan rule',
  scg: 'scaled conjugate gradient (Møller 1993)',
};

export function describeOptimizer(o: OptimizerSpec): string {
  const settings = Object.entries(o)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
  return `${OPTIMIZER_NAMES[o.type]} (${settings})`;
}

export function describeSchedule(s: ScheduleSpec): string {
  const warmup = s.warmupEpochs > 0 ? `, after a linear warm-up of ${s.warmupEpochs} epochs` : '';
  switch (s.type) {
    case 'constant':
      return `constant learning rate${warmup}`;
    case 'step':
      return `learning rate × ${s.factor} every ${s.everyEpochs} epochs${warmup}`;
    case 'exponential':
      return `learning rate × ${s.factor} per epoch, continuously${warmup}`;
    case 'cosine':
      return `learning rate along half a cosine down to ${s.floor} × the rate at the last step${warmup}`;
  }
}

export function describeData(e: Experiment, loader: string): string[] {
  const { train, validation, test } = e.config.subsets;
  return [
    `Data: ${e.dataset.name} from ${loader}: ${grouped(train)} training and ${grouped(validation)} validation images`,
    `(both from the training split) and ${grouped(test)} test images, pixels scaled to [0, 1] as in the app.`,
  ];
}

export function describeTraining(e: Experiment): string[] {
  const c = e.config;
  const decay = c.l1 > 0 || c.l2 > 0 ? `L1 ${c.l1} and L2 ${c.l2} on the kernels` : 'no weight decay';
  const stopping = c.earlyStoppingPatience > 0 ? `early stopping after ${c.earlyStoppingPatience} epochs without a lower validation loss` : 'no early stopping';
  const schedule = e.learningRate === null ? 'none (the app applies none to an optimizer that sets its own steps)' : describeSchedule(c.schedule);
  return [
    `Optimizer: ${describeOptimizer(c.optimizer)}.`,
    `Schedule: ${schedule}.`,
    `Batch size ${c.batchSize}, ${c.epochs} epochs (${grouped(e.stepsPerEpoch)} steps each), seed ${c.seed}, ${decay}, ${stopping}.`,
  ];
}

export function describeModel(e: Experiment): string {
  const types = e.layers.map((l) => l.layer.type).join(' → ');
  return `Model: ${types}; ${grouped(e.totalParams)} parameters as the app counts them (${grouped(e.trainableParams)} trainable).`;
}
