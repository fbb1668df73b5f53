import { describe, expect, it } from 'vitest';
import { architectureRows, modelDepth, presetOf } from '../../../src/state/architectureRows';
import { getPreset, PRESETS } from '../../../src/engine/spec/presets';
import { analyzeModel } from '../../../src/engine/spec/analyze';
import { readRecord, toRecord } from '../../../src/state/runRecord';
import { finishedRun } from './makeRun';

// The architecture comparison: which preset each run was, its depth as the papers count it, its cost,
// and its accuracy and time per epoch as the user's own run measured them.

describe('presetOf', () => {
  it('names every preset it builds, on MNIST and CIFAR-10 shapes and other class counts', () => {
    for (const p of PRESETS) {
      expect(presetOf(p.build([28, 28, 1], 10))).toBe(p.id);
      expect(presetOf(p.build([32, 32, 3], 10))).toBe(p.id);
      expect(presetOf(p.build([32, 32, 3], 5))).toBe(p.id);
    }
  });

  it('calls a preset with any change custom', () => {
    const spec = getPreset('alexnet-mini').build([28, 28, 1], 10);
    const changedRate = { ...spec, layers: spec.layers.map((l) => (l.type === 'dropout' ? { ...l, rate: 0.3 } : l)) };
    expect(presetOf(changedRate)).toBe('custom');
    expect(presetOf({ ...spec, layers: spec.layers.slice(1) })).toBe('custom');
  });

  it('ignores fields a preset leaves to their defaults, as a saved and read-back spec has them filled', () => {
    const spec = getPreset('googlenet-mini').build([28, 28, 1], 10);
    // A conv written without its default stride is the same layer.
    const sparse = { ...spec, layers: spec.layers.map((l) => (l.type === 'conv2d' ? (({ strides: _s, ...rest }) => rest)(l) : l)) };
    expect(presetOf(sparse as typeof spec)).toBe('googlenet-mini');
  });
});

describe('modelDepth', () => {
  it('counts weighted layers along the deepest path, as the papers do', () => {
    const depth = (id: string) => modelDepth(getPreset(id)!.build([32, 32, 3], 10).layers);
    expect(depth('lenet5')).toBe(5); // LeNet-5: two convolutions, three dense layers
    expect(depth('alexnet-mini')).toBe(8); // AlexNet's 8: five convolutions, three dense
    expect(depth('vgg-mini')).toBe(8); // six 3×3 convolutions, two dense
    expect(depth('googlenet-mini')).toBe(8); // stem, three inception modules two deep each, classifier
    expect(depth('resnet-mini')).toBe(8); // stem, three blocks of two, classifier; shortcuts run beside
  });
});

describe('architectureRows', () => {
  it('one row per finished run with the preset, depth, counts, test accuracy and time per epoch', () => {
    const spec = getPreset('alexnet-mini').build([32, 32, 3], 10);
    const done = finishedRun({ id: 'a', name: 'AlexNet run', spec, datasetId: 'cifar10', backend: 'wasm', msPerBatch: 250, test: { loss: 1.2, accuracy: 0.41, confusion: [], samples: [] } });
    const custom = finishedRun({ id: 'b', spec: { ...spec, layers: spec.layers.filter((l) => l.type !== 'lrn') } });
    const queued = finishedRun({ id: 'c', status: 'queued' });
    const failed = finishedRun({ id: 'd', status: 'failed' });
    const rows = architectureRows([done, custom, queued, failed]);
    expect(rows.map((r) => r.runId)).toEqual(['a', 'b']);
    const analysis = analyzeModel(spec, 10);
    expect(rows[0]).toMatchObject({
      runName: 'AlexNet run',
      architecture: 'alexnet-mini',
      year: 2012,
      top5Error: 16.4,
      dataset: 'cifar10',
      depth: 8,
      params: analysis.totalParams,
      macs: analysis.totalMacs,
      testAccuracy: 0.41,
      backend: 'wasm',
    });
    // 80 training images in batches of 32: 3 batches an epoch at 250 ms each.
    expect(rows[0].msPerEpoch).toBeCloseTo(750);
    expect(rows[0].trainImages).toBe(80);
    expect(rows[1]).toMatchObject({ architecture: 'custom', year: null, top5Error: null, depth: 8 });
  });

  it('times an epoch from the steps run when a run was stopped part-way, and has no accuracy without a test', () => {
    const stopped = finishedRun({ status: 'stopped', losses: [2.3, 2.2], msPerBatch: 400, test: null });
    const [row] = architectureRows([stopped]);
    expect(row.msPerEpoch).toBeCloseTo(1200);
    expect(row.testAccuracy).toBeNull();
  });

  it('names the preset of a run saved and read back, since records keep only the spec', () => {
    const run = finishedRun({ spec: getPreset('googlenet-mini').build([28, 28, 1], 10) });
    const read = readRecord('k', JSON.parse(JSON.stringify(toRecord(run))));
    expect(read.ok).toBe(true);
    if (read.ok) expect(architectureRows([read.run])[0].architecture).toBe('googlenet-mini');
  });
});
