import { beforeEach, describe, expect, it } from 'vitest';
import { actions } from '../../../src/actions';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import type { ResidualSpec } from '../../../src/engine/spec/layers';
import { getPreset } from '../../../src/engine/spec/presets';
import { editable, getApp, useApp } from '../../../src/state/store';

// The builder's commands for blocks, through the action registry, as the buttons send them: where a new
// block goes, editing its main path, and the layers the course names (1×1 convolution, overlapping pooling).

const analysis = () => analyzeModel({ inputShape: [28, 28, 1], layers: getApp().layers.map((l) => l.spec) }, 10);
const types = () => getApp().layers.map((l) => l.spec.type);
const mainPath = (i: number) => (getApp().layers[i].spec as ResidualSpec).layers.map((l) => l.type);

beforeEach(() => {
  useApp.setState({ layers: getPreset('lenet-modern').build([28, 28, 1], 10).layers.map(editable), presetId: 'lenet-modern' });
});

describe('block commands', () => {
  it('puts a new block before the flatten, where its image input is, and the model stays valid', () => {
    actions.addBlock.perform('residual');
    expect(types()).toEqual(['conv2d', 'maxPool', 'conv2d', 'maxPool', 'residual', 'flatten', 'dense', 'dense', 'dense']);
    expect(getApp().presetId).toBeNull();
    actions.addBlock.perform('inception');
    expect(types()[5]).toBe('inception');
    const a = analysis();
    expect(a.issues).toEqual([]);
    expect(a.layers[4].outputShape).toEqual([5, 5, 8]);
    expect(a.layers[5].outputShape).toEqual([5, 5, 32]);
  });

  it('adds, moves and removes main-path layers, and moves and removes the block as a whole', () => {
    actions.addBlock.perform('residual');
    actions.addMainPathLayer.perform({ index: 4, type: 'activation' });
    expect(mainPath(4)).toEqual(['conv2d', 'batchNorm', 'activation', 'conv2d', 'batchNorm', 'activation']);
    actions.moveMainPathLayer.perform({ index: 4, inner: 5, by: -1 });
    expect(mainPath(4).slice(-2)).toEqual(['activation', 'batchNorm']);
    actions.removeMainPathLayer.perform({ index: 4, inner: 0 });
    expect(mainPath(4)).toEqual(['batchNorm', 'activation', 'conv2d', 'activation', 'batchNorm']);
    // The main path now keeps 16 channels up to its conv: the projection still matches whatever it gives.
    expect(analysis().issues).toEqual([]);
    actions.moveLayer.perform({ index: 4, by: -1 });
    expect(types()[3]).toBe('residual');
    actions.removeLayer.perform(3);
    expect(types()).not.toContain('residual');
  });

  it('offers a 1×1 convolution and overlapping pooling as layers of their own', () => {
    actions.addLayer.perform('conv1x1');
    actions.addLayer.perform('overlappingPool');
    const added = getApp().layers.slice(-3, -1).map((l) => l.spec);
    expect(added).toEqual([
      { type: 'conv2d', filters: 8, kernelSize: 1, strides: 1, padding: 'same', activation: 'relu' },
      { type: 'maxPool', poolSize: 3, strides: 2 },
    ]);
  });
});
