import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { modelSpecSchema } from '../../../src/engine/spec/layers';
import { basicBlock, conv, withHead } from './blockSpecs';

// What a student reads when a block is wrong: the block by its row number and kind, then where inside it.

const messages = (spec: unknown) => analyzeModel(spec, 10).issues.map((i) => i.message);
const inception = { type: 'inception', conv1x1: 4, reduce3x3: 4, conv3x3: 8, reduce5x5: 2, conv5x5: 4, poolProj: 4, activation: 'relu' };

describe('invalid blocks', () => {
  it('names the inception branch of a bad filter count', () => {
    const spec = { inputShape: [8, 8, 1], layers: [conv(4), conv(4), { ...inception, conv5x5: 0 }, { type: 'globalAvgPool' }, { type: 'dense', units: 10, activation: 'softmax' }] };
    expect(messages(spec)).toEqual(['block 3 inception, 5×5 branch: filters must be at least 1']);
    const reduce = { ...spec, layers: [...spec.layers] };
    reduce.layers[2] = { ...inception, reduce3x3: 2.5 };
    expect(messages(reduce)).toEqual(['block 3 inception, 3×3 branch: reduce filters must be a whole number, not 2.5']);
  });

  it('names the main-path layer of a bad field, and of a layer a main path cannot hold', () => {
    const bad = basicBlock(4, 1, 'identity');
    const spec = withHead([8, 8, 4], [{ ...bad, layers: [bad.layers[0], { ...conv(4), kernelSize: 40 }] }]);
    expect(messages(spec)).toEqual(['block 1 residual, main path layer 2 conv2d: kernel size must be at most 32']);
    const dense = withHead([8, 8, 4], [{ ...bad, layers: [bad.layers[0], { type: 'dense', units: 3, activation: 'relu' } as never] }]);
    expect(messages(dense)).toEqual(['block 1 residual, main path layer 2: a residual block\'s main path holds conv2d, batchNorm, activation layers, not "dense"']);
  });

  it('says which shortcut cannot match the main path, and what to choose instead', () => {
    expect(messages(withHead([8, 8, 4], [basicBlock(8, 1, 'identity')]))).toEqual([
      'block 1 residual, shortcut: the main path gives 8×8×8 but the identity shortcut passes 8×8×4 on — choose a 1×1 projection or zero padding for the shortcut, or keep the channels and size',
    ]);
    expect(messages(withHead([8, 8, 8], [basicBlock(4, 1, 'zeroPad')]))).toEqual([
      'block 1 residual, shortcut: zero padding can only add channels, but the main path has 4 and the input 8 — use a 1×1 projection',
    ]);
    const valid = withHead([8, 8, 4], [{ type: 'residual', layers: [{ ...conv(8), padding: 'valid' }], shortcut: 'projection', activation: 'relu' }]);
    expect(messages(valid)).toEqual([
      'block 1 residual, shortcut: the main path gives 6×6×8 but the shortcut gives 8×8×8 — give the main path\'s convolutions padding "same", so that only their strides change the size',
    ]);
  });

  it('checks the inner layers\' geometry and names the one at fault', () => {
    const spec = withHead([4, 4, 1], [{ type: 'residual', layers: [{ ...conv(2), kernelSize: 5, padding: 'valid' }], shortcut: 'projection', activation: 'relu' }]);
    expect(messages(spec)).toEqual(['block 1 residual, main path layer 1 conv2d: 5×5 kernel does not fit a 4×4 input — use a smaller kernel or padding "same"']);
  });

  it('wants an image before a block, and a main path and a known shortcut', () => {
    const after = { inputShape: [8, 8, 1], layers: [{ type: 'flatten' }, inception, { type: 'dense', units: 10, activation: 'softmax' }] };
    expect(messages(after)[0]).toBe(
      'block 2 inception: expects an image-shaped input (height×width×channels) but gets a flat input of 64 values — convolution and pooling layers must come before flatten',
    );
    expect(messages(withHead([8, 8, 4], [{ type: 'residual', layers: [], shortcut: 'identity', activation: 'relu' }]))).toContain(
      'block 1 residual: the main path needs at least one layer',
    );
    expect(messages(withHead([8, 8, 4], [{ ...basicBlock(4, 1, 'identity'), shortcut: 'pad' } as never]))).toEqual([
      'block 1 residual, shortcut: unknown shortcut "pad" (expected one of identity, projection, zeroPad)',
    ]);
  });

  it('still reads an old flat spec, and lists blocks among the types a layer may have', () => {
    const flat = { inputShape: [28, 28, 1], layers: [conv(4), { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] };
    expect(modelSpecSchema.safeParse(flat).success).toBe(true);
    expect(analyzeModel(flat, 10).ok).toBe(true);
    expect(messages({ ...flat, layers: [{ type: 'Residual' }, ...flat.layers] })[0]).toContain('did you mean "residual"?');
  });
});
