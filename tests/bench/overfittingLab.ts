// The overfitting lab's comparison trained in Node through the engine, with the variants the app queues
// (src/state/overfittingRuns.ts): each run's best and last validation accuracy, its epoch of lowest
// validation loss and its final gap. For the note of issue 12; the page shows the same runs.
//   npx tsx tests/bench/overfittingLab.ts [--images 500] [--epochs 20] [--model lenet-modern]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { EngineSession } from '../../src/engine/session';
import { getPreset } from '../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../src/engine/train/config';
import type { EpochMetrics, TrainEvent } from '../../src/engine/train/events';
import { registerWasmSpeedups, registerWasmTrainingKernels } from '../../src/engine/wasm/register';
import { overfitVariants, OVERFIT_TRAIN_SIZES } from '../../src/state/overfittingRuns';
import { gapSeries } from '../../src/ui/charts/gapSeries';
import { loadIdxDataset } from '../helpers/idx';

const { values } = parseArgs({ options: { images: { type: 'string', default: '500' }, epochs: { type: 'string', default: '20' }, model: { type: 'string', default: 'lenet-modern' } } });
const images = Number(values.images);
const epochs = Number(values.epochs);
const preset = getPreset(values.model!);
if (!preset) throw new Error(`no preset ${values.model}: choose lenet5 or lenet-modern`);
if (!(OVERFIT_TRAIN_SIZES as readonly number[]).includes(images)) console.warn(`${images} is not one of the lab's sizes (${OVERFIT_TRAIN_SIZES.join(', ')}); training anyway`);

registerWasmTrainingKernels();
registerWasmSpeedups();
const backend = (await tf.setBackend('wasm')) ? 'wasm' : (await tf.setBackend('cpu'), 'cpu');
const session = new EngineSession('http://unused/');
const data = loadIdxDataset('mnist');
session.addDataset(data);

const variants = overfitVariants({
  datasetId: 'mnist',
  spec: preset.build([28, 28, 1], 10),
  base: DEFAULT_TRAINING,
  trainImages: images,
  epochs,
  numClasses: 10,
  trainCount: data.train.count,
});
console.log(`overfitting lab on MNIST, ${preset.id}, ${images} training images, ${epochs} epochs, ${DEFAULT_TRAINING.subsets.validation} validation and ${DEFAULT_TRAINING.subsets.test} test images, seed ${DEFAULT_TRAINING.seed}, ${backend}`);
console.log('| run | train images | best val acc | last val acc | epoch of lowest val loss | final gap (val − train loss) | test acc |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const v of variants) {
  const epochsSeen: EpochMetrics[] = [];
  let test: number | null = null;
  const start = performance.now();
  await session.train('mnist', v.spec, v.config, (e: TrainEvent) => {
    if (e.kind === 'epoch') epochsSeen.push(e.metrics);
    if (e.kind === 'done') test = e.test?.accuracy ?? null;
  });
  const vals = epochsSeen.map((e) => e.valAccuracy ?? 0);
  const gap = gapSeries(epochsSeen);
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  console.log(`| ${v.kind} | ${v.config.subsets.train} | ${pct(Math.max(...vals))} | ${pct(vals.at(-1) ?? null)} | ${gap.bestEpoch} | ${gap.finalGap?.toFixed(3)} | ${pct(test)} | (${((performance.now() - start) / 1000).toFixed(0)} s)`);
}
