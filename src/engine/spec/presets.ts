import type { ModelSpec } from './layers.ts';

// Ready-made architectures. Display names and descriptions live in the UI's i18n files, keyed by id.

export type PresetId = 'lenet5' | 'lenet-modern';

export interface Preset {
  id: PresetId;
  build(inputShape: [number, number, number], numClasses: number): ModelSpec;
}

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

export const PRESETS: Preset[] = [lenet5, lenetModern];

export function getPreset(id: PresetId): Preset;
export function getPreset(id: string): Preset | undefined;
export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
