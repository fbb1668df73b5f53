// What the views inside the network receive from the engine: plain data and typed arrays, transferred
// across the worker boundary. Shapes leave out the batch dimension.

/** One layer's output for one input image. */
export interface LayerActivation {
  /** 0-based index in the model spec (spec.layers); the input image itself is not listed. */
  layer: number;
  /** The spec layer's type ("conv2d", "maxPool", "dense", …). */
  type: string;
  /** [height, width, channels] for image-shaped outputs, [units] for flat ones. */
  shape: number[];
  /** Row-major, channels last (HWC), as tfjs holds it. */
  values: Float32Array;
  min: number;
  max: number;
}

export interface Inspection {
  runId: string;
  /** The input as the model saw it, [H, W, C] in [0, 1]. */
  input: { shape: number[]; values: Float32Array };
  layers: LayerActivation[];
  /** Softmax class probabilities. */
  probabilities: Float32Array;
}

/** A conv layer's kernels. */
export interface ConvFilters {
  layer: number;
  /** [kernelHeight, kernelWidth, inputChannels, filters], tfjs's layout. */
  shape: [number, number, number, number];
  kernel: Float32Array;
  bias: Float32Array;
  min: number;
  max: number;
  mean: number;
}

/** How one number of a conv layer's feature map comes about, as CNN Explainer shows it. */
export interface ConvExplanation {
  layer: number;
  /** Output position and channel explained. */
  y: number;
  x: number;
  channel: number;
  /** The input window [kh, kw, inChannels] (zeros where padding falls outside the input). */
  patch: Float32Array;
  /** The filter's weights, same shape as the patch. */
  kernel: Float32Array;
  /** patch × kernel element-wise. */
  products: Float32Array;
  windowShape: [number, number, number];
  sum: number;
  bias: number;
  /** sum + bias, before the activation. */
  preActivation: number;
  activation: string;
  /** Why `activation` is not the layer's own, where it is not (a conv's softmax has no per-number form). */
  activationNote?: string;
  /** After the activation: the number the feature map shows. */
  output: number;
  /** The same number read from the layer's actual output, for comparison. */
  featureMapValue: number;
}
