import type { DatasetId } from '../engine/data/catalog';
import type { ByteProgress } from '../engine/data/download';
import { callbackSink } from '../worker/client';
import { isOwnDatasetId } from '../engine/data/catalog';
import type { LoadedDataset } from '../engine/session';
import { useOwnDataset } from './ownDatasetActions';
import type { SubsetSizes } from '../engine/data/subsets';
import { EngineGoneError, getEngine } from '../state/engine';
import { subsetsReady } from '../state/settingsProblems';
import { getApp, isTraining, setApp } from '../state/store';
import { isLocked } from '../state/experiment';
import { applyPreset } from './modelActions';
import { refreshAugmentationPreview } from './augmentActions';
import { augmentationAfterSwitch } from '../engine/augment/spec';
import { defineAction } from './types';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Clamps subset sizes to what the dataset has, keeping validation disjoint from training. */
function fitSizes(sizes: SubsetSizes, trainCount: number, testCount: number): SubsetSizes {
  const train = Math.min(sizes.train, trainCount - 1);
  return {
    train,
    validation: Math.min(sizes.validation, trainCount - train),
    test: Math.min(sizes.test, testCount),
  };
}

/**
 * Subset sizes for an own dataset: the ones set when they fit (a restored experiment's), else all its images,
 * a fifth of the training split for validation (a few dozen images would leave nothing to validate on if
 * the built-in datasets' sizes were only clamped).
 */
export function fitOwnSizes(sizes: SubsetSizes, trainCount: number, testCount: number): SubsetSizes {
  if (sizes.train + sizes.validation <= trainCount && sizes.test <= testCount) return sizes;
  const validation = Math.floor(trainCount / 5);
  return { train: trainCount - validation, validation, test: testCount };
}

export async function refreshPreview(): Promise<void> {
  const s = getApp();
  if (!s.dataset) return;
  // Sizes the dataset cannot fill would only make the engine throw: their fields already say what is wrong.
  if (!subsetsReady(s)) return;
  try {
    const preview = await getEngine().preview(s.datasetId, s.subsets, s.seed);
    setApp({ preview, datasetError: null });
  } catch (e) {
    // A worker replaced mid-call: the recovery draws the preview again with the new one.
    if (e instanceof EngineGoneError) return;
    setApp({ preview: null, datasetError: message(e) });
  }
  // The augmentation preview shows images of the same training subset.
  await refreshAugmentationPreview();
}

export const selectDataset = defineAction<DatasetId>({
  name: 'selectDataset',
  labelKey: 'dataset.select',
  // Only the user is kept from a locked dataset: boot and a restored experiment still load it.
  enabled: (s) => !isTraining(s) && !isLocked(s, 'dataset'),
  async perform(id) {
    const from = getApp().datasetId;
    setApp({ datasetId: id, datasetLoading: true, datasetProgress: null, datasetError: null, datasetNotice: null, preview: null, augmentationPreview: null });
    try {
      if (isOwnDatasetId(id)) {
        const own = await useOwnDataset(id, false);
        if (getApp().datasetId !== id) return;
        if (own.status === 'missing') {
          // A link or saved experiment from another browser: say so, and go on with MNIST.
          await selectDataset.perform('mnist');
          setApp({ datasetNotice: { code: 'ownMissing', id } });
          return;
        }
        if (own.status === 'notReady') {
          setApp({ dataset: null, datasetLoading: false });
          return;
        }
        return await loaded(own.dataset, from, id);
      }
      const progress = callbackSink<ByteProgress>((p) => {
        // A late report of a download the user has moved away from (or that has finished) is dropped.
        if (getApp().datasetId === id && getApp().datasetLoading) setApp({ datasetProgress: p });
      });
      const opened = await getEngine().openDataset(id, progress);
      if (getApp().datasetId !== id) return; // the user picked another one meanwhile
      if (opened.status !== 'loaded') {
        // Files found wrong only now (on loading) replace the manifest's verdict, so the panel says what
        // is wrong and how to fix it; with no dataset, Train stays disabled.
        setApp((s) => ({ dataset: null, datasetLoading: false, datasetProgress: null, availability: { ...s.availability, [id]: opened } }));
        return;
      }
      await loaded(opened.dataset, from, id);
    } catch (e) {
      setApp({ dataset: null, datasetLoading: false, datasetProgress: null, datasetError: message(e) });
    }
  },
});

/** A dataset the engine now holds becomes the one shown and trained on. */
async function loaded(dataset: LoadedDataset, from: DatasetId, id: DatasetId): Promise<void> {
  const s = getApp();
  const sizes = isOwnDatasetId(id) ? fitOwnSizes(s.subsets, dataset.trainCount, dataset.testCount) : fitSizes(s.subsets, dataset.trainCount, dataset.testCount);
  // An own dataset may have 2 classes where the last had 10: the preset's output layer follows too.
  const shapeChanged = s.dataset?.imageShape.join() !== dataset.imageShape.join() || s.dataset?.classNames.length !== dataset.classNames.length;
  // A verdict of 'missing' or 'invalid' from before no longer holds once the files loaded (prepared meanwhile).
  const { [id]: earlier, ...others } = s.availability;
  const availability = earlier && earlier.status !== 'ready' ? others : s.availability;
  // Augmentation settings still at the old dataset's defaults take the new one's (no flips for digits, …).
  const augmentation = augmentationAfterSwitch(s.augmentation, from, id);
  setApp({ dataset, subsets: sizes, datasetLoading: false, datasetProgress: null, availability, augmentation });
  // Presets adapt to the new input; a hand-built model is kept as the user made it.
  if (s.presetId && shapeChanged) applyPreset(s.presetId);
  await refreshPreview();
}

export const setSubsets = defineAction<Partial<SubsetSizes>>({
  name: 'setSubsets',
  labelKey: 'dataset.subsets',
  enabled: (s) => !isTraining(s) && !isLocked(s, 'subsets'),
  perform(patch) {
    if (isLocked(getApp(), 'subsets')) return;
    setApp((s) => ({ subsets: { ...s.subsets, ...patch } }));
    void refreshPreview();
  },
});

export const setSeed = defineAction<number>({
  name: 'setSeed',
  labelKey: 'training.seed',
  enabled: (s) => !isTraining(s) && !isLocked(s, 'seed'),
  perform(seed) {
    if (isLocked(getApp(), 'seed')) return;
    setApp({ seed });
    void refreshPreview();
  },
});
