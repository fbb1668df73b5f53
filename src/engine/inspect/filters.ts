import type * as tf from '@tensorflow/tfjs';
import { range, specLayerGroups } from './layers';
import type { ConvFilters } from './types';

/** Each conv layer's kernel [kh, kw, inChannels, filters] and bias, in model order. */
export async function convFilters(model: tf.LayersModel): Promise<ConvFilters[]> {
  const result: ConvFilters[] = [];
  for (const group of specLayerGroups(model)) {
    if (group.type !== 'conv2d') continue;
    // getWeights returns the layer's variables themselves: nothing to dispose.
    const [kernelVar, biasVar] = group.tfLayers[0].getWeights();
    const kernel = (await kernelVar.data()) as Float32Array;
    const filters = kernelVar.shape[3] as number;
    const bias = biasVar ? ((await biasVar.data()) as Float32Array) : new Float32Array(filters);
    let sum = 0;
    for (const v of kernel) sum += v;
    result.push({
      layer: group.layer,
      shape: kernelVar.shape as [number, number, number, number],
      // Copies: data() may hand back the backend's own array, which a transfer would detach.
      kernel: kernel.slice(),
      bias: bias.slice(),
      ...range(kernel),
      mean: kernel.length ? sum / kernel.length : 0,
    });
  }
  return result;
}
