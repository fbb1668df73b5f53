import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdadeltaOptimizer, AdamaxOptimizer, ManhattanOptimizer, NesterovOptimizer, PLAYGROUND_OPTIMIZERS, RpropOptimizer, ScgOptimizer } from '../../../src/engine/optimizers';
import { LOGISTIC_DATA, logistic, makeVariables, readVariables, useCpuBackend } from './problems';

// What every course optimizer owes the training loop: no tensors leaked per step, and a config and
// state that survive serialisation (the class is found by name, rebuilt from its config, and a copy given
// the saved state continues exactly where the original was).

useCpuBackend();

const problem = logistic(LOGISTIC_DATA.X, LOGISTIC_DATA.y);
const x0 = [0.2, -0.1, 0.05, 0.3];

const cases: [string, () => tf.Optimizer][] = [
  ['Adadelta', () => new AdadeltaOptimizer(1, 0.9, 1e-6)],
  ['Nesterov', () => new NesterovOptimizer(0.3, 0.8)],
  ['Adamax', () => new AdamaxOptimizer(0.05, 0.85, 0.99, 1e-6)],
  ['Rprop', () => new RpropOptimizer({ initialStep: 0.2, etaPlus: 1.3, etaMinus: 0.4, minStep: 1e-5, maxStep: 10 })],
  ['Manhattan', () => new ManhattanOptimizer(0.02)],
  ['SCG', () => new ScgOptimizer({ sigma: 1e-2, lambda: 1e-6 })],
];

function steps(opt: tf.Optimizer, vars: tf.Variable[], n: number): void {
  for (let i = 0; i < n; i++) opt.minimize(() => problem.loss(vars), false, vars);
}

describe.each(cases)('%s', (_name, make) => {
  it('keeps the tensor count constant from step to step and frees everything on dispose', () => {
    const vars = makeVariables(problem, x0);
    const before = tf.memory().numTensors;
    const opt = make();
    steps(opt, vars, 1); // the first step creates the optimizer's slots
    const afterFirst = tf.memory().numTensors;
    steps(opt, vars, 6);
    expect(tf.memory().numTensors).toBe(afterFirst);
    const cost = opt.minimize(() => problem.loss(vars), true, vars)!;
    cost.dispose();
    expect(tf.memory().numTensors).toBe(afterFirst);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(vars);
  });

  it('is registered for tf.serialization and rebuilt from its config', () => {
    const opt = make();
    const cls = opt.constructor as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable> & { className: string };
    expect(PLAYGROUND_OPTIMIZERS as readonly unknown[]).toContain(cls);
    const registered = tf.serialization.SerializationMap.getMap().classNameMap[cls.className];
    expect(registered?.[0]).toBe(cls);
    const config = JSON.parse(JSON.stringify(opt.getConfig())) as tf.serialization.ConfigDict; // plain JSON
    const copy = registered[1](cls, config) as tf.Optimizer;
    expect(copy.getClassName()).toBe(cls.className);
    expect(copy.getConfig()).toEqual(opt.getConfig());
    opt.dispose();
    copy.dispose();
  });

  it('saves and restores its state: a restored copy takes the same next steps', async () => {
    const vars = makeVariables(problem, x0);
    const opt = make();
    steps(opt, vars, 3);
    const at = readVariables(vars);
    // getWeights hands out the optimizer's own slot variables, which the next steps overwrite: copy them now.
    const saved = (await opt.getWeights()).map((w) => ({ name: w.name, tensor: w.tensor.clone() }));
    steps(opt, vars, 2);
    const expected = readVariables(vars);
    const cls = opt.constructor as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable> & { className: string };
    const copy = tf.serialization.SerializationMap.getMap().classNameMap[cls.className][1](cls, opt.getConfig()) as tf.Optimizer;
    await copy.setWeights(saved);
    vars.forEach((v, i) => v.assign(makeVariables(problem, at)[i]));
    steps(copy, vars, 2);
    expect(readVariables(vars)).toEqual(expected);
    expect(copy.iterations).toBe(5);
    tf.dispose([...vars, ...saved.map((w) => w.tensor)]);
    opt.dispose();
    copy.dispose();
  });
});
