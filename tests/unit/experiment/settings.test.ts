import { describe, expect, it } from 'vitest';
import { accessOf } from '../../../src/experiment/classroom';
import { restore } from '../../../src/experiment/restore';
import { classroomSettings, SETTINGS, valueAt } from '../../../src/experiment/settings';
import { defaultExperiment, RUN_ONLY_TRAINING_FIELDS } from '../../../src/experiment/spec';
import { decodeHash, encodeHash, sharedPart } from '../../../src/experiment/urlCodec';
import { DEFAULT_TRAINING } from '../../../src/engine/train/config';
import { edited, said } from './helpers';
import { CHART_X } from '../../../src/experiment/spec';
import { X_AXIS_MODES } from '../../../src/ui/charts/runSeries';

/** Every leaf path of the experiment a user sets (the model counts as one setting). */
function settingPaths(): string[] {
  const e = defaultExperiment();
  return [
    'dataset',
    'model',
    ...Object.keys(e.training).map((k) => `training.${k}`),
    ...Object.keys(e.views).map((k) => `views.${k}`),
  ].sort();
}

describe('the settings table', () => {
  it('lists every setting of the experiment once, every training field included', () => {
    expect(SETTINGS.map((s) => s.path.join('.')).sort()).toEqual(settingPaths());
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const key of Object.keys(DEFAULT_TRAINING).filter((k) => !(RUN_ONLY_TRAINING_FIELDS as readonly string[]).includes(k))) expect(SETTINGS.some((s) => s.path.join('.') === `training.${key}`), key).toBe(true);
    // The charts draw every x-axis an experiment may name, and no other.
    expect([...CHART_X]).toEqual([...X_AXIS_MODES]);
  });

  it('decides what a link carries: the shared settings and nothing else', () => {
    const carried = sharedPart(edited());
    for (const s of SETTINGS) {
      if (s.shared) expect(valueAt(carried, s.path), s.key).toEqual(valueAt(edited(), s.path));
      else expect(valueAt(carried, s.path), s.key).toBeUndefined();
    }
    // A hand-made link that names a setting links do not carry does not set it.
    const e = edited();
    const part = sharedPart(e) as { views: object };
    const hand = restore({ ...part, views: { ...part.views, selectedLayer: 3 } }, 'link');
    expect(hand.experiment.views).toEqual({ ...e.views, selectedLayer: null });
    // This browser's own copy keeps it.
    expect(restore(e, 'saved').experiment.views.selectedLayer).toBe(1);
  });

  it('decides what a teacher link may hide or lock, and the link carries the choice', async () => {
    const hideable = classroomSettings('hide').map((s) => s.key);
    const lockable = classroomSettings('lock').map((s) => s.key);
    expect(hideable).toContain('pathsOpen');
    expect(lockable).not.toContain('pathsOpen');
    expect(hideable).not.toContain('selectedLayer');

    const link = encodeHash(defaultExperiment(), { hidden: ['optimizer', 'selectedLayer'], locked: ['model', 'pathsOpen', 'epochs'] });
    const back = decodeHash(link)!;
    expect(back.experiment.classroom).toEqual({ hidden: ['optimizer'], locked: ['model', 'epochs'] });
    expect(await said(back)).toEqual([
      'the classroom list names controls that cannot be hidden: "selectedLayer" (ignored)',
      'the classroom list names controls that cannot be locked: "pathsOpen" (ignored)',
    ]);
    expect(accessOf(back.experiment.classroom, 'optimizer')).toBe('hidden');
    expect(accessOf(back.experiment.classroom, 'epochs')).toBe('locked');
    expect(accessOf(back.experiment.classroom, 'batchSize')).toBe('open');
    // A plain share link of a plain experiment carries no classroom at all.
    expect(sharedPart(defaultExperiment())).not.toHaveProperty('classroom');
  });
});
