import * as tf from '@tensorflow/tfjs';
import { histogram, type Histogram } from './histogram';
import type { ReluLayer, WeightedLayer } from './layerGroups';
import { groupOutputs, specLayerGroups } from './layers';

// What the training-dynamics views (weights and gradients over time) are made of. The per-step part — each
// weighted layer's gradient L2 norm — is a handful of kernels that ride along with the step's loss and are
// read in the same grouped read, so it costs no extra wait. The heavier part — histograms of all weights and
// gradients and the dead-ReLU fractions — is taken as a snapshot every few steps (about SNAPSHOTS per run).

/** About this many snapshots are taken over a run (plus the first step's). */
export const SNAPSHOTS = 40;

/** A probe batch of up to this many training images decides which ReLU units are dead … */
export const PROBE_IMAGES = 64;
/** … as many as fit in this many multiply-adds, so the probe of a huge model does not stall its run. */
const PROBE_MACS = 5e7;

export function probeImages(forwardMacsPerImage: number): number {
  return Math.max(1, Math.min(PROBE_IMAGES, Math.floor(PROBE_MACS / Math.max(1, forwardMacsPerImage))));
}

/**
 * At least this many steps between snapshots: a snapshot copies and reads every weight and gradient and
 * runs the probe batch forward: in a run of a few dozen steps, one every step or two cost several per cent.
 */
export const MIN_SNAPSHOT_INTERVAL = 10;

/** Steps between snapshots: step 0, then every `interval` steps, and the last step. */
export function snapshotInterval(totalSteps: number): number {
  return Math.max(MIN_SNAPSHOT_INTERVAL, Math.ceil(totalSteps / SNAPSHOTS));
}

export function isSnapshotStep(step: number, totalSteps: number): boolean {
  return step % snapshotInterval(totalSteps) === 0 || step === totalSteps - 1;
}

/**
 * Per variable of the weighted layers, in their order, Σ g² over its gradient (0 for one the loss does not
 * reach): what the step reads back for the gradient norms. The square roots and the sum of a layer's kernel
 * and bias are left to layerNorms on the CPU, after the read: on the backend they were an AddN and a Sqrt
 * per layer and a Stack, 11 more kernel calls a LeNet-5 step.
 */
export function gradientSquareSums(layers: WeightedLayer[], grads: tf.NamedTensorMap): tf.Tensor1D {
  return tf.tidy(() => tf.stack(layers.flatMap((l) => l.variables.map((name) => (grads[name] ? tf.sum(tf.square(grads[name])) : tf.scalar(0)))))) as tf.Tensor1D;
}

/** How many values gradientSquareSums gives for these layers. */
export function squareSumCount(layers: WeightedLayer[]): number {
  return layers.reduce((n, l) => n + l.variables.length, 0);
}

/** Per weighted layer, √(Σ g²) over its kernel and bias gradients, from gradientSquareSums' values. */
export function layerNorms(layers: WeightedLayer[], squares: ArrayLike<number>): number[] {
  let at = 0;
  return layers.map((l) => {
    let sum = 0;
    for (let k = 0; k < l.variables.length; k++) sum += squares[at++];
    return Math.sqrt(sum);
  });
}

/**
 * Per ReLU layer, the fraction of its units (channels of a conv layer, units of a dense one) that output 0
 * for every image of the probe batch: "dead" units that pass no gradient back, so they cannot recover.
 * Inference mode, as the feature maps view runs the model.
 */
export function deadUnitFractions(model: tf.LayersModel, relus: ReluLayer[], probe: tf.Tensor4D): tf.Tensor1D | null {
  if (relus.length === 0) return null;
  const wanted = new Set(relus.map((r) => r.layer));
  return tf.tidy(() => {
    const groups = specLayerGroups(model);
    const outputs = groupOutputs(model, groups, probe);
    const fractions: tf.Tensor[] = [];
    for (const [k, group] of groups.entries()) {
      if (!wanted.has(group.layer)) continue;
      const x = outputs[k];
      const units = x.shape[x.shape.length - 1]!;
      const perUnit = tf.max(x.reshape([-1, units]), 0); // the largest output each unit gave over the batch
      fractions.push(tf.div(tf.sum(tf.lessEqual(perUnit, 0).toFloat()), units));
    }
    return tf.stack(fractions) as tf.Tensor1D;
  });
}

/** One weighted layer at one moment of training. */
export interface LayerSnapshot {
  layer: number;
  type: string;
  weights: Histogram;
  /** Of the gradients at the same weights (before that step's update). */
  gradients: Histogram;
}

export interface TrainingSnapshot {
  /** The step whose weights (before its update) and gradients these are. */
  step: number;
  layers: LayerSnapshot[];
  /** Per ReLU layer, the share of dead units on the probe batch. */
  deadRelu: { layer: number; type: string; fraction: number }[];
}

/** The tensors one snapshot holds until they are read: clones (no copies: they share the values). */
export interface HeldSnapshot {
  step: number;
  weights: tf.Tensor[][];
  gradients: tf.Tensor[][];
  dead: tf.Tensor1D | null;
}

export function holdSnapshot(step: number, model: tf.LayersModel, layers: WeightedLayer[], grads: tf.NamedTensorMap, dead: tf.Tensor1D | null): HeldSnapshot {
  const byName = new Map(model.trainableWeights.map((w) => [(w.read() as tf.Variable).name, w.read()]));
  const keep = (t: tf.Tensor | undefined, like: tf.Tensor) => tf.keep(t ? t.clone() : tf.zerosLike(like));
  return {
    step,
    weights: layers.map((l) => l.variables.map((name) => keep(byName.get(name), byName.get(name)!))),
    gradients: layers.map((l) => l.variables.map((name) => keep(grads[name], byName.get(name)!))),
    dead: dead ? tf.keep(dead.clone()) : null,
  };
}

export function disposeSnapshot(held: HeldSnapshot): void {
  tf.dispose([...held.weights.flat(), ...held.gradients.flat(), ...(held.dead ? [held.dead] : [])]);
}

/** Reads a held snapshot (and disposes its tensors) into histograms. */
export async function readSnapshot(held: HeldSnapshot, layers: WeightedLayer[], relus: ReluLayer[]): Promise<TrainingSnapshot> {
  try {
    const join = (parts: tf.Tensor[][]) => tf.tidy(() => tf.concat(parts.map((p) => tf.concat(p.map((t) => t.reshape([-1]))))));
    const weights = join(held.weights);
    const gradients = join(held.gradients);
    let w: Float32Array, g: Float32Array, d: Float32Array | null;
    try {
      [w, g, d] = (await Promise.all([weights.data(), gradients.data(), held.dead ? held.dead.data() : Promise.resolve(null)])) as [Float32Array, Float32Array, Float32Array | null];
    } finally {
      tf.dispose([weights, gradients]);
    }
    let offset = 0;
    const snapshotLayers = layers.map((l): LayerSnapshot => {
      const end = offset + l.size;
      const shot = { layer: l.layer, type: l.type, weights: histogram(w.subarray(offset, end)), gradients: histogram(g.subarray(offset, end)) };
      offset = end;
      return shot;
    });
    return { step: held.step, layers: snapshotLayers, deadRelu: relus.map((r, i) => ({ layer: r.layer, type: r.type, fraction: d ? d[i] : 0 })) };
  } finally {
    disposeSnapshot(held);
  }
}
