import { CATALOG, type BuiltinDatasetId, type DatasetInfo } from '../data/catalog';
import { analyzeModel } from '../spec/analyze';
import { SpecError } from '../spec/issues';
import type { Activation, ItemSpec, ModelSpec } from '../spec/layers';
import type { InnerGeometry } from '../spec/geometry';
import { trainingConfigSchema, type TrainingConfig } from '../train/config';
import type { OptimizerSpec } from '../train/optimizerSpec';

// Everything both exporters need to know about an experiment, worked out once and checked: the layers
// with their input and output shapes (PyTorch needs the input sizes that Keras infers), the counts the
// scripts must reproduce, and the schedule's step counts.

// Not imported from model/build.ts or train/optimizers.ts, which load tfjs: the exporters run on the page's
// main thread, which never loads it. A test checks these agree with the engine's.

/** build.ts's LEAKY_RELU_ALPHA (tfjs has no 'leakyRelu' activation string, so it is a layer there). */
export const LEAKY_RELU_ALPHA = 0.2;

/** build.ts's endsWithSoftmax: the app leaves that softmax out and trains on logits. */
export function endsWithSoftmax(spec: ModelSpec): boolean {
  const last = spec.layers[spec.layers.length - 1];
  return last !== undefined && (last.type === 'dense' || last.type === 'activation' || last.type === 'conv2d') && last.activation === 'softmax';
}

/** train/optimizers.ts's baseLearningRate: null for Rprop and SCG, which set their own steps. */
export function baseLearningRate(o: OptimizerSpec): number | null {
  return 'learningRate' in o ? o.learningRate : null;
}

/** One spec layer or block as the app builds it (src/engine/model/build.ts). */
export interface ExportLayer {
  index: number;
  layer: ItemSpec;
  /** A block's inner layers with their shapes, as the analysis lists them. */
  inner?: InnerGeometry[];
  /** Without the batch dimension, channels last as in the app. */
  input: number[];
  output: number[];
  /**
   * The activation the app applies ('linear': none). A softmax that ends the model is left out: the app's
   * model outputs logits and the loss applies the softmax, and so do the scripts.
   */
  activation: Activation;
  /** A final softmax activation layer, which the app does not build at all. */
  omitted: boolean;
  params: number;
}

export interface Experiment {
  spec: ModelSpec;
  config: TrainingConfig;
  dataset: DatasetInfo;
  layers: ExportLayer[];
  totalParams: number;
  trainableParams: number;
  outputShape: number[];
  /** ⌈training images / batch size⌉: the app trains the last, smaller batch too. */
  stepsPerEpoch: number;
  totalSteps: number;
  /** As learningRateFactor computes it (Math.round, which Python's round does not match at .5). */
  warmupSteps: number;
  /** null for Rprop and SCG, which set their own step sizes: the app applies no schedule to them. */
  learningRate: number | null;
  /** Whether the learning rate changes during the run (not a constant rate without warm-up). */
  scheduled: boolean;
  /** The run's name (or the model's), for the script's first line. */
  title: string;
}

export function describeExperiment(spec: ModelSpec, config: TrainingConfig, datasetId: BuiltinDatasetId, title?: string): Experiment {
  const dataset = CATALOG[datasetId];
  if (!dataset) throw new Error(`unknown dataset "${String(datasetId)}"`);
  const analysis = analyzeModel(spec, dataset.classNames.length);
  if (!analysis.ok || analysis.spec === null) throw new SpecError(analysis.issues);
  const parsedConfig = trainingConfigSchema.safeParse(config);
  if (!parsedConfig.success) {
    throw new Error(`the training settings are not valid: ${parsedConfig.error.issues.map((i) => i.message).join('; ')}`);
  }
  const model = analysis.spec;
  if (model.inputShape.join('×') !== dataset.imageShape.join('×')) {
    throw new Error(`the model takes ${model.inputShape.join('×')} images but ${dataset.name} has ${dataset.imageShape.join('×')}`);
  }
  const settings = parsedConfig.data;

  const lastIndex = model.layers.length - 1;
  let input: number[] = [...model.inputShape];
  const layers = model.layers.map((layer, index): ExportLayer => {
    const info = analysis.layers[index];
    const output = info.outputShape!; // analysis.ok: every shape is known
    let activation: Activation = layer.type === 'dense' || layer.type === 'conv2d' || layer.type === 'activation' ? layer.activation : 'linear';
    const finalSoftmax = index === lastIndex && activation === 'softmax';
    if (finalSoftmax) activation = 'linear';
    const exported = { index, layer, input, output, activation, omitted: finalSoftmax && layer.type === 'activation', params: info.params, ...(info.inner ? { inner: info.inner } : {}) };
    input = output;
    return exported;
  });

  const stepsPerEpoch = Math.ceil(settings.subsets.train / settings.batchSize);
  const totalSteps = stepsPerEpoch * settings.epochs;
  const warmupSteps = Math.min(totalSteps, Math.round(settings.schedule.warmupEpochs * stepsPerEpoch));
  const learningRate = baseLearningRate(settings.optimizer);
  return {
    spec: model,
    config: settings,
    dataset,
    layers,
    totalParams: analysis.totalParams,
    trainableParams: analysis.trainableParams,
    outputShape: analysis.outputShape!,
    stepsPerEpoch,
    totalSteps,
    warmupSteps,
    learningRate,
    scheduled: learningRate !== null && (settings.schedule.type !== 'constant' || warmupSteps > 0),
    title: title?.trim() || model.name?.trim() || 'model',
  };
}

/** Fan-in of a conv or dense kernel: the inputs each unit sums (k·k·channels, or the features). */
export function fanIn(l: ExportLayer): number {
  if (l.layer.type === 'conv2d') return l.layer.kernelSize * l.layer.kernelSize * l.input[l.input.length - 1];
  return l.input[0];
}
