import type { Conv2dSpec, InceptionSpec, ItemSpec, ModelSpec, ResidualSpec } from './layers.ts';

// Ready-made architectures. Display names and descriptions live in the UI's i18n files, keyed by id.

export type PresetId = 'lenet5' | 'lenet-modern' | 'alexnet-mini' | 'vgg-mini' | 'googlenet-mini' | 'resnet-mini';

/** Where a classic architecture comes from, for its card: the course's table (its ILSVRC top-5 error). */
export interface PresetStory {
  year: number;
  paper: string;
  authors: string;
  /** ILSVRC top-5 error in %, as the course table gives it. */
  top5Error: number;
  /** Adam's learning rate that trains this scaled-down version well here, where the app's default does not. */
  learningRate?: number;
}

export interface Preset {
  id: PresetId;
  build(inputShape: [number, number, number], numClasses: number): ModelSpec;
  story?: PresetStory;
}

const conv3 = (filters: number, strides = 1, activation: 'relu' | 'linear' = 'relu'): Conv2dSpec => ({
  type: 'conv2d',
  filters,
  kernelSize: 3,
  strides,
  padding: 'same',
  activation,
});

/** LeNet-5 (LeCun et al. 1998): tanh units and average ("subsampling") pools. */
const lenet5: Preset = {
  id: 'lenet5',
  build(inputShape, numClasses) {
    // The paper feeds 32×32 images to a valid 5×5 conv to get 28×28 C1 maps; on 28×28 MNIST, 'same'
    // padding gives those same 28×28 maps, and every later layer matches the paper.
    const [h, w] = inputShape;
    const c1Padding = h < 32 || w < 32 ? 'same' : 'valid';
    return {
      inputShape,
      layers: [
        { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: c1Padding, activation: 'tanh' },
        { type: 'avgPool', poolSize: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'tanh' },
        { type: 'avgPool', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 120, activation: 'tanh' },
        { type: 'dense', units: 84, activation: 'tanh' },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

/** The same layout with today's defaults: relu and max pooling. */
const lenetModern: Preset = {
  id: 'lenet-modern',
  build(inputShape, numClasses) {
    return {
      inputShape,
      layers: [
        { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'same', activation: 'relu' },
        { type: 'maxPool', poolSize: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: 'relu' },
        { type: 'maxPool', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 120, activation: 'relu' },
        { type: 'dense', units: 84, activation: 'relu' },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

/** AlexNet's local response normalisation with the paper's constants (n = 5, k = 2, α = 1e-4, β = 0.75). */
const lrn: ItemSpec = { type: 'lrn', depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 };
/** Overlapping pooling: 3×3 windows two apart, so neighbouring windows share a row and a column. */
const overlappingPool: ItemSpec = { type: 'maxPool', poolSize: 3, strides: 2 };

/**
 * AlexNet (Krizhevsky, Sutskever & Hinton 2012) in miniature: five convolutions, LRN after the first two,
 * overlapping max pools after the first, second and fifth, then two dense layers with dropout, ReLU
 * throughout. The channels keep the paper's proportions (96, 256, 384, 384, 256 become 16, 32, 48, 48, 32);
 * its 11×11 stride-4 first layer, made for 224×224 photos, becomes a 5×5 one at stride 1 for images this
 * small, and the 4096-unit dense layers become 128. About 3.0M multiply-adds an MNIST image (vgg-mini
 * has 1.9M); an epoch of 10,000 MNIST images took about twice vgg-mini's time on wasm in Node.
 */
const alexnetMini: Preset = {
  id: 'alexnet-mini',
  story: { year: 2012, paper: 'ImageNet Classification with Deep Convolutional Neural Networks', authors: 'Krizhevsky, Sutskever & Hinton', top5Error: 16.4, learningRate: 0.001 },
  // With two dropout layers of 0.5 Adam at the default 0.003 barely trains it: on 10,000 CIFAR-10 images
  // (wasm, seed 42) 22.0 % test accuracy after 1 epoch and 28.4 % after 5, against 29.6 % and 45.4 % at 0.001.
  build(inputShape, numClasses) {
    const conv = (filters: number, kernelSize: number): Conv2dSpec => ({ type: 'conv2d', filters, kernelSize, strides: 1, padding: 'same', activation: 'relu' });
    return {
      inputShape,
      layers: [
        conv(16, 5),
        lrn,
        overlappingPool,
        conv(32, 3),
        lrn,
        overlappingPool,
        conv(48, 3),
        conv(48, 3),
        conv(32, 3),
        overlappingPool,
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

/**
 * VGG (Simonyan & Zisserman 2014) in miniature: nothing but 3×3 convolutions, two at a time between max
 * pools, the channels doubling at each pool (VGG's 64 → 128 → 256 → 512 become 8 → 16 → 32), then a
 * dense layer with dropout. About 1.9M multiply-adds an MNIST image, so an epoch of 10,000 images takes
 * about a minute on the wasm backend of a 2-core machine.
 */
const vggMini: Preset = {
  id: 'vgg-mini',
  story: { year: 2014, paper: 'Very Deep Convolutional Networks for Large-Scale Image Recognition', authors: 'Simonyan & Zisserman', top5Error: 7.3 },
  build(inputShape, numClasses) {
    const stage = (filters: number): ItemSpec[] => [conv3(filters), conv3(filters), { type: 'maxPool', poolSize: 2 }];
    return {
      inputShape,
      layers: [
        ...stage(8),
        ...stage(16),
        ...stage(32),
        { type: 'flatten' },
        { type: 'dense', units: 64, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

/** An inception module; the six numbers in the order of the paper's table (#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj). */
function inception(conv1x1: number, reduce3x3: number, conv3x3: number, reduce5x5: number, conv5x5: number, poolProj: number): InceptionSpec {
  return { type: 'inception', conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj, activation: 'relu' };
}

/**
 * GoogLeNet (Szegedy et al. 2014) in miniature: a convolution stem and an overlapping pool, then the
 * paper's inception modules 3a, 3b (a pool between) and 4a with every filter count divided by eight,
 * so the 1×1 reductions still shrink the channels before each 3×3 and 5×5. Global average pooling and
 * dropout (0.4, as in the paper) replace the big dense layers before the classifier. About 1.7M
 * multiply-adds an MNIST image, close to vgg-mini's 1.9M, with far fewer parameters.
 */
const googlenetMini: Preset = {
  id: 'googlenet-mini',
  story: { year: 2014, paper: 'Going Deeper with Convolutions', authors: 'Szegedy, Liu, Jia, Sermanet, Reed, Anguelov, Erhan, Vanhoucke & Rabinovich', top5Error: 6.7 },
  build(inputShape, numClasses) {
    return {
      inputShape,
      layers: [
        conv3(16),
        overlappingPool,
        inception(8, 12, 16, 2, 4, 4),
        inception(16, 16, 24, 4, 12, 8),
        overlappingPool,
        inception(24, 12, 26, 2, 6, 8),
        { type: 'globalAvgPool' },
        { type: 'dropout', rate: 0.4 },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

/** ResNet's basic block: 3×3 conv, batch norm, relu, 3×3 conv, batch norm; added to the shortcut, then relu. */
function basicBlock(filters: number, stride: number, shortcut: ResidualSpec['shortcut']): ResidualSpec {
  return {
    type: 'residual',
    layers: [conv3(filters, stride, 'linear'), { type: 'batchNorm' }, { type: 'activation', activation: 'relu' }, conv3(filters, 1, 'linear'), { type: 'batchNorm' }],
    shortcut,
    activation: 'relu',
  };
}

/**
 * ResNet (He et al. 2015) in miniature: a 3×3 stem, then three basic blocks at 8, 16 and 32 channels, the
 * last two halving the size. The two ways to match a shortcut to a change of dimensions are both here:
 * zero padding (no parameters) into the second block, a 1×1 projection into the third. Global average
 * pooling and one dense layer end it, as in the paper.
 */
const resnetMini: Preset = {
  id: 'resnet-mini',
  story: { year: 2015, paper: 'Deep Residual Learning for Image Recognition', authors: 'He, Zhang, Ren & Sun', top5Error: 3.57 },
  build(inputShape, numClasses) {
    return {
      inputShape,
      layers: [
        conv3(8, 1, 'linear'),
        { type: 'batchNorm' },
        { type: 'activation', activation: 'relu' },
        basicBlock(8, 1, 'identity'),
        basicBlock(16, 2, 'zeroPad'),
        basicBlock(32, 2, 'projection'),
        { type: 'globalAvgPool' },
        { type: 'dense', units: numClasses, activation: 'softmax' },
      ],
    };
  },
};

export const PRESETS: Preset[] = [lenet5, lenetModern, alexnetMini, vggMini, googlenetMini, resnetMini];

export function getPreset(id: PresetId): Preset;
export function getPreset(id: string): Preset | undefined;
export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
