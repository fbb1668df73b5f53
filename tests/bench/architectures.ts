// The classic architectures' presets trained through the engine in Node on the wasm backend, as the app
// trains them: test accuracy after 1 and after 5 epochs, seconds per epoch, parameters and multiply-adds.
// For the note of issue 13 (the app's architecture table shows the same columns for the user's own runs).
// Each epoch count is a run of its own with the app's default settings (Adam at 0.003 decayed along a
// cosine over that run, batch 32, seed 42), as a student gets by setting Epochs to 1 and then to 5.
//   npx tsx tests/bench/architectures.ts [--dataset cifar10] [--images 10000] [--epochs 1,5] [--presets lenet5,vgg-mini] [--lr 0.001]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { EngineSession } from '../../src/engine/session';
import { analyzeModel } from '../../src/engine/spec/analyze';
import { getPreset, PRESETS } from '../../src/engine/spec/presets';
import { DEFAULT_TRAINING } from '../../src/engine/train/config';
import type { TrainEvent } from '../../src/engine/train/events';
import { registerWasmSpeedups, registerWasmTrainingKernels } from '../../src/engine/wasm/register';
import { readPrepared } from './prepared';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'cifar10' },
    images: { type: 'string', default: '10000' },
    test: { type: 'string', default: '10000' },
    epochs: { type: 'string', default: '1,5' },
    presets: { type: 'string', default: PRESETS.map((p) => p.id).join(',') },
    // Adam's learning rate, where another than the app's default is to be tried.
    lr: { type: 'string' },
  },
});

registerWasmTrainingKernels();
registerWasmSpeedups();
const backend = (await tf.setBackend('wasm')) ? 'wasm' : (await tf.setBackend('cpu'), 'cpu');
const session = new EngineSession('http://unused/');
const data = readPrepared(values.dataset!);
session.addDataset(data);
const shape = data.manifest.imageShape as [number, number, number];
const classes = data.manifest.classNames.length;
const epochList = values.epochs!.split(',').map(Number);
const subsets = { train: Number(values.images), validation: 0, test: Number(values.test) };
const optimizer = values.lr ? { ...DEFAULT_TRAINING.optimizer, learningRate: Number(values.lr) } : DEFAULT_TRAINING.optimizer;

console.log(`${data.manifest.name}, ${subsets.train} training and ${subsets.test} test images, ${backend}, ${JSON.stringify(optimizer)}, batch ${DEFAULT_TRAINING.batchSize}, seed ${DEFAULT_TRAINING.seed}`);
console.log(`| preset | parameters | multiply-adds / image | ${epochList.map((e) => `test acc after ${e}`).join(' | ')} | s / epoch |`);
console.log(`| --- | ---: | ---: | ${epochList.map(() => '---:').join(' | ')} | ---: |`);
for (const id of values.presets!.split(',')) {
  const preset = getPreset(id);
  if (!preset) throw new Error(`no preset ${id}: one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const spec = preset.build(shape, classes);
  const analysis = analyzeModel(spec, classes);
  const accuracies: string[] = [];
  const perEpoch: number[] = [];
  for (const epochs of epochList) {
    let test: number | null = null;
    const start = performance.now();
    await session.train(values.dataset as never, spec, { ...DEFAULT_TRAINING, optimizer, epochs, subsets }, (e: TrainEvent) => {
      if (e.kind === 'done') test = e.test?.accuracy ?? null;
    });
    perEpoch.push((performance.now() - start) / 1000 / epochs);
    accuracies.push(test === null ? '–' : `${((test as number) * 100).toFixed(1)} %`);
  }
  const seconds = Math.min(...perEpoch);
  console.log(`| ${id} | ${analysis.totalParams.toLocaleString('en')} | ${analysis.totalMacs.toLocaleString('en')} | ${accuracies.join(' | ')} | ${seconds.toFixed(0)} |`);
}
