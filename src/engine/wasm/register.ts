import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './kernels/conv2dBackpropFilter.ts';
import { conv2DBackpropInputConfig } from './kernels/conv2dBackpropInput.ts';
import { fastBatchMatMul } from './kernels/batchMatMul.ts';
import { avgPoolGradKernel, fastAvgPool, maxPoolGradKernel } from './kernels/pooling.ts';
import { fastTanh, sharedIdentity, tanhGradConfig, tanhGradientConfig } from './kernels/elementwise.ts';
import { fastGatherV2 } from './kernels/gather.ts';
import { adamStepConfig } from './kernels/adam.ts';
import { fastAdd, fastSum } from './kernels/bias.ts';
import { depthwiseConv2dNativeBackpropFilterConfig, depthwiseConv2dNativeBackpropInputConfig } from './kernels/depthwiseBackprop.ts';

const BACKEND = 'wasm';

/** Kernels that training needs and tfjs-backend-wasm 4.22 does not have, and the project's fused ones. */
const MISSING: tf.KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  tanhGradConfig,
  adamStepConfig,
];

/**
 * Registers, for the wasm backend, the training kernels it lacks (checked with tf.getKernel, so a later
 * tfjs that ships them keeps its own). Returns the names registered. Safe to call more than once.
 */
export function registerWasmTrainingKernels(): string[] {
  const registered: string[] = [];
  for (const config of MISSING) {
    if (tf.getKernel(config.kernelName, BACKEND)) continue;
    tf.registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}

/** Replacement kernels, each given the backend's own kernel to fall back on for cases it does not take. */
const SPEEDUPS: Record<string, (original: tf.KernelFunc) => tf.KernelFunc> = {
  [tf.Conv2DBackpropInput]: () => conv2DBackpropInputConfig.kernelFunc,
  [tf.BatchMatMul]: fastBatchMatMul,
  [tf.AvgPool]: fastAvgPool,
  [tf.AvgPoolGrad]: () => avgPoolGradKernel,
  [tf.MaxPoolGrad]: () => maxPoolGradKernel,
  [tf.Tanh]: fastTanh,
  [tf.GatherV2]: fastGatherV2,
  [tf.Identity]: sharedIdentity,
  [tf.Add]: fastAdd,
  [tf.Sum]: fastSum,
};

const replaced = new WeakSet<tf.KernelFunc>();
/** tfjs's own gradient for Tanh, while tanhGradientConfig stands in for it. */
let stockTanhGradient: tf.GradConfig | null = null;
/** tfjs-backend-wasm's own kernels that registerWasmSpeedups replaced, by name. */
const stock = new Map<string, tf.KernelConfig>();

/**
 * Replaces wasm kernels that exist but are slow enough to dominate a LeNet training step (profiled with
 * tf.profile). Each replacement keeps the original's setup function, so registering before or after the
 * backend starts both work. Returns the names replaced; calling it again replaces nothing.
 */
export function registerWasmSpeedups(): string[] {
  const names: string[] = [];
  for (const [name, make] of Object.entries(SPEEDUPS)) {
    const original = tf.getKernel(name, BACKEND) as tf.KernelConfig | undefined;
    if (!original || replaced.has(original.kernelFunc)) continue;
    const kernelFunc = make(original.kernelFunc);
    replaced.add(kernelFunc);
    stock.set(name, original);
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({ ...original, kernelFunc });
    names.push(name);
  }
  // Tanh's gradient takes tanhGradConfig's one kernel where the backend has it, tfjs's arithmetic elsewhere.
  const gradient = tf.getGradient(tf.Tanh);
  if (gradient !== tanhGradientConfig) {
    stockTanhGradient = gradient ?? null;
    tf.registerGradient(tanhGradientConfig);
    names.push(`${tf.Tanh} gradient`);
  }
  return names;
}

/**
 * Puts tfjs-backend-wasm's own kernels back where registerWasmSpeedups replaced them (the training kernels
 * it lacks stay). The bench uses it to time model.fit on the wasm backend as tfjs ships it.
 */
export function restoreStockWasmKernels(): string[] {
  const names = [...stock.keys()];
  for (const [name, original] of stock) {
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel(original);
  }
  stock.clear();
  if (stockTanhGradient) {
    tf.registerGradient(stockTanhGradient);
    stockTanhGradient = null;
    names.push(`${tf.Tanh} gradient`);
  }
  return names;
}
