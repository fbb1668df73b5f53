// Where a wasm training step's time goes, in Node: the app's own loop (EngineSession.train) on the wasm
// backend with the app's kernels, `--steps` steps under tf.profile after a warm-up, kernel times summed by
// name, and the step's wall time. A quick loop for kernel work; the browser figures come from `npm run bench`.
//   npx tsx tests/bench/stepProfile.ts [--preset lenet5] [--batch 64] [--steps 40] [--optimizer adam] [--no-native]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArgs } from 'node:util';
import { EngineSession } from '../../src/engine/session';
import { getPreset } from '../../src/engine/spec/presets';
import { DEFAULT_TRAINING, type TrainingConfig } from '../../src/engine/train/config';
import { registerWasmSpeedups, registerWasmTrainingKernels } from '../../src/engine/wasm/register';
import { attachNativeKernels } from '../../src/engine/wasm/native/nativeKernels';
import { nodeNativeSource } from '../../src/engine/wasm/native/nodeSource';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelTimes } from './kernelTimes';
import { readPrepared } from './prepared';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'lenet5' },
    dataset: { type: 'string', default: 'mnist' },
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '40' },
    optimizer: { type: 'string', default: 'adam' },
    'no-profile': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
  },
});

registerWasmTrainingKernels();
registerWasmSpeedups();
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
const native = !values['no-native'] && (await attachNativeKernels(tf.backend() as BackendWasm, nodeNativeSource));
console.log(`compiled kernels: ${native ? 'attached' : 'not used'}`);
const session = new EngineSession('http://unused/');
const data = readPrepared(values.dataset!);
session.addDataset(data);
const shape = data.manifest.imageShape as [number, number, number];
const spec = getPreset(values.preset!)!.build(shape, data.manifest.classNames.length);
const batch = Number(values.batch);
const steps = Number(values.steps);
const optimizer = values.optimizer === 'sgd' ? { type: 'sgd' as const, learningRate: 0.05 } : DEFAULT_TRAINING.optimizer;
const config = (n: number): TrainingConfig => ({ ...DEFAULT_TRAINING, optimizer, batchSize: batch, epochs: 1, subsets: { train: n * batch, validation: 0, test: 1 } });
const run = async (n: number) => {
  let ips = 0;
  await session.train(values.dataset as never, spec, config(n), (e) => {
    if (e.kind === 'done') ips = e.progress.imagesPerSec;
  });
  return ips;
};
await run(10);
const ips = await run(steps);
console.log(`${values.preset} batch ${batch}, ${steps} steps unprofiled: ${Math.round(ips)} images/s, ${((1000 * batch) / ips).toFixed(2)} ms a step`);
if (!values['no-profile']) {
  const start = performance.now();
  const info = await tf.profile(() => run(steps));
  const wall = performance.now() - start;
  const { kernelMs, calls, kernels } = kernelTimes(info);
  console.log(`profiled: ${(wall / steps).toFixed(2)} ms a step, kernels ${(kernelMs / steps).toFixed(2)} ms in ${(calls / steps).toFixed(0)} calls`);
  for (const k of kernels.slice(0, 25)) {
    console.log(`  ${k.name.padEnd(28)} ${(k.calls / steps).toFixed(1).padStart(6)} calls ${(k.ms / steps).toFixed(3).padStart(8)} ms`);
  }
}
