import * as tf from '@tensorflow/tfjs';
import { DATASET_IDS, type DatasetId } from './data/catalog';
import { checkDataset, fetchDataset, type Availability } from './data/fetch';
import { classHistogram, gatherImages, gatherLabels, imageSize, type DatasetArrays } from './data/dataset';
import { chooseSubsets, type SubsetSizes, type Subsets } from './data/subsets';
import { selectBackend, type BackendInfo, type BackendName } from './backend';
import { analyzeModel } from './spec/analyze';
import { trainingConfigSchema, type TrainingConfig } from './train/config';
import { TrainingRun, type TrainingData } from './train/trainer';
import type { TrainEvent } from './train/events';

// Everything the UI can ask of the engine. In the browser it lives in a Web Worker behind Comlink;
// in tests it is called directly. Arguments and results are plain data.

export interface LoadedDataset {
  id: DatasetId;
  name: string;
  imageShape: [number, number, number];
  classNames: string[];
  trainCount: number;
  testCount: number;
  loadMs: number;
}

export interface SubsetPreview {
  histograms: { train: number[]; validation: number[]; test: number[] };
  /** `perClass` training images of each class, class by class, uint8 H×W×C each. */
  samples: Uint8Array;
  perClass: number;
}

export interface TrainingMemory {
  tensorsBefore: number;
  tensorsAfter: number;
}

export class EngineSession {
  private backend: BackendInfo | null = null;
  private datasets = new Map<DatasetId, DatasetArrays>();
  private current: { id: DatasetId; sizes: SubsetSizes; seed: number; subsets: Subsets } | null = null;
  private run: TrainingRun | null = null;

  constructor(private readonly baseUrl: string) {}

  async init(order?: BackendName[]): Promise<BackendInfo> {
    this.backend = await selectBackend(order);
    return this.backend;
  }

  async availability(): Promise<Record<DatasetId, Availability>> {
    const entries = await Promise.all(DATASET_IDS.map(async (id) => [id, await checkDataset(this.baseUrl, id)] as const));
    return Object.fromEntries(entries) as Record<DatasetId, Availability>;
  }

  async loadDataset(id: DatasetId): Promise<LoadedDataset> {
    const start = performance.now();
    let data = this.datasets.get(id);
    if (!data) {
      const found = await checkDataset(this.baseUrl, id);
      if (found.status !== 'ready') {
        throw new Error(found.status === 'invalid' ? found.message : `dataset ${id} is not prepared: run ${found.command}`);
      }
      data = await fetchDataset(this.baseUrl, found.manifest);
      this.datasets.set(id, data);
    }
    return summary(data, performance.now() - start);
  }

  /** Registers arrays already in memory (tests, Node). */
  addDataset(data: DatasetArrays): LoadedDataset {
    this.datasets.set(data.manifest.id as DatasetId, data);
    return summary(data, 0);
  }

  preview(id: DatasetId, sizes: SubsetSizes, seed: number, perClass = 8): SubsetPreview {
    const data = this.require(id);
    const subsets = this.subsets(id, sizes, seed);
    const k = data.manifest.classNames.length;
    const pick: number[] = [];
    for (let c = 0; c < k; c++) {
      let found = 0;
      for (let i = 0; i < subsets.train.length && found < perClass; i++) {
        if (data.train.labels[subsets.train[i]] === c) {
          pick.push(subsets.train[i]);
          found++;
        }
      }
    }
    return {
      histograms: {
        train: classHistogram(gatherLabels(data.train, subsets.train), k),
        validation: classHistogram(gatherLabels(data.train, subsets.validation), k),
        test: classHistogram(gatherLabels(data.test, subsets.test), k),
      },
      samples: gatherImages(data.train, pick, imageSize(data.manifest)),
      perClass,
    };
  }

  /** Test-subset images by position, for the results strip. */
  testImages(id: DatasetId, sizes: SubsetSizes, seed: number, positions: number[]): Uint8Array {
    const data = this.require(id);
    const subsets = this.subsets(id, sizes, seed);
    return gatherImages(data.test, positions.map((p) => subsets.test[p]), imageSize(data.manifest));
  }

  /** Trains to the end (or until stopped), reporting through `onEvent`. */
  async train(id: DatasetId, spec: unknown, config: unknown, onEvent: (e: TrainEvent) => void): Promise<TrainingMemory> {
    if (this.run) throw new Error('a training run is already in progress');
    const data = this.require(id);
    const numClasses = data.manifest.classNames.length;
    const analysis = analyzeModel(spec, numClasses);
    if (!analysis.ok || !analysis.spec) throw new Error(analysis.issues.map((i) => i.message).join('\n'));
    const shape = data.manifest.imageShape;
    if (analysis.spec.inputShape.join() !== shape.join()) {
      throw new Error(`the model expects ${analysis.spec.inputShape.join('×')} images but ${data.manifest.name} has ${shape.join('×')}`);
    }
    const parsed = trainingConfigSchema.safeParse(config);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    const cfg: TrainingConfig = parsed.data;
    const subsets = this.subsets(id, cfg.subsets, cfg.seed);
    const size = imageSize(data.manifest);
    const pickFrom = (split: 'train' | 'test', idx: Int32Array) => ({
      images: gatherImages(data[split], idx, size),
      labels: gatherLabels(data[split], idx),
    });
    const trainingData: TrainingData = {
      imageShape: shape,
      numClasses,
      train: pickFrom('train', subsets.train),
      validation: pickFrom('train', subsets.validation),
      test: pickFrom('test', subsets.test),
    };
    const tensorsBefore = tf.memory().numTensors;
    this.run = new TrainingRun(analysis.spec, cfg, trainingData, onEvent);
    try {
      await this.run.done;
    } finally {
      this.run = null;
    }
    return { tensorsBefore, tensorsAfter: tf.memory().numTensors };
  }

  pause(): void {
    this.run?.control.pause();
  }

  resume(): void {
    this.run?.control.resume();
  }

  stop(): void {
    this.run?.control.stop();
  }

  private require(id: DatasetId): DatasetArrays {
    const data = this.datasets.get(id);
    if (!data) throw new Error(`dataset ${id} is not loaded`);
    return data;
  }

  private subsets(id: DatasetId, sizes: SubsetSizes, seed: number): Subsets {
    const c = this.current;
    if (c && c.id === id && c.seed === seed && JSON.stringify(c.sizes) === JSON.stringify(sizes)) return c.subsets;
    const data = this.require(id);
    const subsets = chooseSubsets(data.train.labels, data.test.labels, sizes, data.manifest.classNames.length, seed);
    this.current = { id, sizes, seed, subsets };
    return subsets;
  }
}

function summary(data: DatasetArrays, loadMs: number): LoadedDataset {
  const m = data.manifest;
  return {
    id: m.id as DatasetId,
    name: m.name,
    imageShape: m.imageShape,
    classNames: m.classNames,
    trainCount: m.train.count,
    testCount: m.test.count,
    loadMs,
  };
}
