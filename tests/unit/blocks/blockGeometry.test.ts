import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { buildModel } from '../../../src/engine/model/build';
import { builtRows } from '../engine/builtLayers';
import { basicBlock, GEOMETRIES, withHead } from './blockSpecs';

// The analyzer's shapes and counts for each block kind, by arithmetic alone, against the tfjs model built
// from the same spec: the block as a whole and each layer inside it.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('block geometry against built tfjs models', () => {
  for (const g of GEOMETRIES) {
    it(g.label, () => {
      const spec = withHead(g.input, [g.block]);
      const analysis = analyzeModel(spec, 10);
      expect(analysis.issues.map((i) => i.message)).toEqual([]);
      const block = analysis.layers[0];
      expect(block.outputShape).toEqual(g.output);

      const model = buildModel(spec, { seed: 3 });
      try {
        const row = builtRows(model).get(0)!;
        expect(row.outputShape).toEqual([null, ...g.output]);
        expect(block.params).toBe(row.params);
        expect(block.trainableParams).toBe(row.trainableParams);
        expect(analysis.totalParams).toBe(model.countParams());

        // Each inner layer the analysis lists against the tfjs layer built for it, by name.
        const inner = block.inner ?? [];
        const names =
          g.block.type === 'inception'
            ? ['1x1', '3x3_reduce', '3x3', '5x5_reduce', '5x5', 'pool_proj'].map((n) => `l0_inception_${n}`)
            : [...g.block.layers.flatMap((l, j) => (l.type === 'activation' ? [] : [`l0_residual_m${j}_${l.type}`])), ...(g.block.shortcut === 'projection' ? ['l0_residual_projection'] : [])];
        const weighted = inner.filter((l) => l.params > 0);
        expect(weighted.map((l) => l.params)).toEqual(names.map((n) => model.getLayer(n).countParams()));
        expect(weighted.map((l) => l.output)).toEqual(names.map((n) => (model.getLayer(n).outputShape as number[]).slice(1)));

        // And the shapes hold when the graph runs.
        const out = tf.tidy(() => model.predict(tf.ones([2, ...g.input])) as tf.Tensor);
        expect(out.shape).toEqual([2, 10]);
        out.dispose();
      } finally {
        model.dispose();
      }
    });
  }

  it("inception 3a as the course gives it: 28×28×192 in, 64 + 128 + 32 + 32 = 256 channels out", () => {
    const spec = withHead([28, 28, 3], [{ type: 'inception', conv1x1: 64, reduce3x3: 96, conv3x3: 128, reduce5x5: 16, conv5x5: 32, poolProj: 32, activation: 'relu' }]);
    // 192 channels come from a 1×1 convolution first: inputs have at most 16.
    spec.layers.unshift({ type: 'conv2d', filters: 192, kernelSize: 1, strides: 1, padding: 'same', activation: 'relu' });
    const analysis = analyzeModel(spec, 10);
    expect(analysis.issues).toEqual([]);
    const block = analysis.layers[1];
    expect(block.outputShape).toEqual([28, 28, 256]);
    // 1×1: 192·64+64; 3×3: 192·96+96 + 9·96·128+128; 5×5: 192·16+16 + 25·16·32+32; pool: 192·32+32.
    expect(block.params).toBe(12352 + 18528 + 110720 + 3088 + 12832 + 6176);
    // Multiply-adds: 28·28 positions times the weights (no biases) of each convolution.
    expect(block.macs).toBe(28 * 28 * (192 * 64 + 192 * 96 + 9 * 96 * 128 + 192 * 16 + 25 * 16 * 32 + 192 * 32));
  });

  it('a zero-padding shortcut adds no parameters, a projection adds a 1×1 convolution', () => {
    const zero = analyzeModel(withHead([10, 10, 4], [basicBlock(8, 2, 'zeroPad')]), 10).layers[0];
    const projected = analyzeModel(withHead([10, 10, 4], [basicBlock(8, 2, 'projection')]), 10).layers[0];
    expect(projected.params - zero.params).toBe(4 * 8 + 8);
    expect(zero.inner?.find((l) => l.type === 'zeroPad')?.output).toEqual([5, 5, 8]);
  });
});
