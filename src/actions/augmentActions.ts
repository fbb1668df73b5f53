import { AUGMENT_OPS, type AugmentationSpec, type AugmentOp } from '../engine/augment/spec';
import { EngineGoneError, getEngine } from '../state/engine';
import { subsetsReady } from '../state/settingsProblems';
import { getApp, isTraining, setApp } from '../state/store';
import { defineAction } from './types';
import { isLocked } from '../state/experiment';

// The augmentation settings of the next run, and the live preview of what they do to training images.

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

let asked = 0;

/** Redraws the preview for the current dataset, subsets, seed and settings; only the latest request lands. */
export async function refreshAugmentationPreview(): Promise<void> {
  const s = getApp();
  if (!s.dataset || !subsetsReady(s)) return;
  const ticket = ++asked;
  try {
    const preview = await getEngine().augmentationPreview(s.datasetId, s.subsets, s.seed, s.augmentation);
    if (ticket === asked) setApp({ augmentationPreview: preview, augmentationPreviewError: null });
  } catch (e) {
    // A worker replaced mid-call: the recovery draws the preview again with the new one.
    if (e instanceof EngineGoneError) return;
    if (ticket === asked) setApp({ augmentationPreview: null, augmentationPreviewError: message(e) });
  }
}

export const setAugmentationEnabled = defineAction<boolean>({
  name: 'setAugmentationEnabled',
  labelKey: 'augment.enabled',
  enabled: (s) => !isTraining(s) && !isLocked(s, 'augmentation'),
  perform(enabled) {
    setApp((s) => ({ augmentation: { ...s.augmentation, enabled } }));
    void refreshAugmentationPreview();
  },
});

export type AugmentOpPatch = { op: AugmentOp; enabled?: boolean; probability?: number; magnitude?: number };

export const setAugmentOp = defineAction<AugmentOpPatch>({
  name: 'setAugmentOp',
  labelKey: 'augment.title',
  enabled: (s) => !isTraining(s) && !isLocked(s, 'augmentation'),
  perform({ op, ...patch }) {
    if (!AUGMENT_OPS.includes(op)) return;
    setApp((s) => {
      const current = s.augmentation[op];
      // Flips have no magnitude: a stray one is dropped rather than stored.
      const { magnitude, ...rest } = patch;
      const next = 'magnitude' in current && magnitude !== undefined ? { ...current, ...rest, magnitude } : { ...current, ...rest };
      return { augmentation: { ...s.augmentation, [op]: next } as AugmentationSpec };
    });
    void refreshAugmentationPreview();
  },
});
