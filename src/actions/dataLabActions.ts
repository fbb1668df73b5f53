import i18n from '../i18n';
import { MAX_BAGGING_MEMBERS } from '../engine/data/bootstrap';
import { MAX_FOLDS, MIN_FOLDS } from '../engine/data/folds';
import { getPreset } from '../engine/spec/presets';
import { baggingGroups, crossValidations, type BaggingGroup } from '../state/crossValidation';
import { getEngine } from '../state/engine';
import { overfitVariants, OVERFIT_EPOCHS, OVERFIT_TRAIN_SIZES } from '../state/overfittingRuns';
import { currentConfig, currentSpec } from '../state/spec';
import { getApp, isTraining, setApp, type AppState, type DataLabState } from '../state/store';
import type { Run } from '../state/runs';
import { addRun, defaultRunName, processQueue, runFromEditor } from './runQueue';
import { settingsReady } from './trainingActions';
import { defineAction } from './types';

// The data lab: the overfitting comparison, K-fold cross-validation and bagging, each queued as ordinary
// runs (so they train, chart, save and sort like any other) whose configs say their part.

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const setLab = (patch: Partial<DataLabState>) => setApp((s) => ({ dataLab: { ...s.dataLab, ...patch } }));

/** A run made from the editor's settings, with the colour after the runs already added. */
const fromEditor = (overrides: Partial<AppState> = {}): Run => runFromEditor({ ...getApp(), ...overrides, runs: getApp().runs });

export const setOverfitChoice = defineAction<Partial<Pick<DataLabState, 'overfitTrainImages' | 'overfitEpochs' | 'overfitModel'>>>({
  name: 'setOverfitChoice',
  labelKey: 'overfit.title',
  perform(patch) {
    if (patch.overfitTrainImages !== undefined && !(OVERFIT_TRAIN_SIZES as readonly number[]).includes(patch.overfitTrainImages)) return;
    if (patch.overfitEpochs !== undefined && !(OVERFIT_EPOCHS as readonly number[]).includes(patch.overfitEpochs)) return;
    setLab(patch);
  },
});

/** The lab's model: a preset built for the dataset, or the builder's model. */
function overfitModel(s: AppState) {
  if (!s.dataset) return null;
  const preset = s.dataLab.overfitModel === 'editor' ? null : getPreset(s.dataLab.overfitModel);
  return preset ? preset.build(s.dataset.imageShape, s.dataset.classNames.length) : currentSpec(s);
}

/** Queues the six runs of the comparison (same data, seed and optimizer) and trains them. */
export const queueOverfittingLab = defineAction({
  name: 'queueOverfittingLab',
  labelKey: 'overfit.queue',
  enabled: (s) => settingsReady(s) && !!s.dataset && !isTraining(s),
  perform() {
    const s = getApp();
    const spec = overfitModel(s);
    if (!s.dataset || !spec) return;
    let variants;
    try {
      variants = overfitVariants({
        datasetId: s.datasetId,
        spec,
        base: currentConfig(s),
        trainImages: s.dataLab.overfitTrainImages,
        epochs: s.dataLab.overfitEpochs,
        numClasses: s.dataset.classNames.length,
        trainCount: s.dataset.trainCount,
      });
    } catch (e) {
      setLab({ overfitError: message(e) });
      return;
    }
    const runs: Run[] = [];
    for (const v of variants) {
      const run = { ...fromEditor(), spec: v.spec, config: v.config, startFrom: null, name: i18n.t(`overfit.run.${v.kind}`, { count: v.config.subsets.train }) };
      addRun(run);
      runs.push(run);
    }
    setLab({ overfitError: null, overfitRuns: variants.map((v, i) => ({ kind: v.kind, runId: runs[i].id })) });
    if (!isTraining(getApp())) void processQueue(runs[0].id);
  },
});

export const setFolds = defineAction<number>({
  name: 'setFolds',
  labelKey: 'kfold.k',
  perform(k) {
    if (Number.isInteger(k) && k >= MIN_FOLDS && k <= MAX_FOLDS) setLab({ folds: k });
  },
});

/** `name`, or `name #2`, `#3`, … so that no group among `taken` has the same name (two configurations read apart). */
function uniqueGroupName(name: string, taken: string[]): string {
  if (!taken.includes(name)) return name;
  let n = 2;
  while (taken.includes(`${name} #${n}`)) n++;
  return `${name} #${n}`;
}

/** The editor's settings as a cross-validation group key would read them: already cross-validated? */
export function alreadyCrossValidated(s: AppState): boolean {
  const probe = { ...runFromEditor(s), config: { ...currentConfig(s), fold: { k: s.dataLab.folds, index: 0 } } };
  const key = crossValidations([probe])[0].key;
  return crossValidations(s.runs).some((g) => g.key === key);
}

/** Queues the editor's settings as k runs, fold 1 … k validated on its own fold, and trains them. */
export const crossValidate = defineAction({
  name: 'crossValidate',
  labelKey: 'kfold.queue',
  enabled: (s) => settingsReady(s) && !!s.dataset && !isTraining(s) && !alreadyCrossValidated(s),
  perform() {
    const s = getApp();
    if (!s.dataset || alreadyCrossValidated(s)) return;
    const k = s.dataLab.folds;
    const base = uniqueGroupName(i18n.t('kfold.groupName', { name: defaultRunName(s), k }), crossValidations(s.runs).map((g) => g.name));
    const runs: Run[] = [];
    for (let index = 0; index < k; index++) {
      const run = { ...fromEditor(), config: { ...currentConfig(s), fold: { k, index } }, startFrom: null, name: `${base} · ${i18n.t('kfold.foldName', { index: index + 1, k })}` };
      addRun(run);
      runs.push(run);
    }
    if (!isTraining(getApp())) void processQueue(runs[0].id);
  },
});

export const setMembers = defineAction<number>({
  name: 'setMembers',
  labelKey: 'bagging.members',
  perform(n) {
    if (Number.isInteger(n) && n >= 2 && n <= MAX_BAGGING_MEMBERS) setLab({ members: n });
  },
});

/** The editor's settings are bagged already with this many members' configuration (same key). */
export function alreadyBagged(s: AppState): boolean {
  const probe = { ...runFromEditor(s), config: { ...currentConfig(s), bootstrap: { member: 0 } } };
  const key = baggingGroups([probe])[0].key;
  return baggingGroups(s.runs).some((g) => g.key === key);
}

/** Queues N runs of the editor's settings, each on its own bootstrap sample, then averages them. */
export const queueBagging = defineAction({
  name: 'queueBagging',
  labelKey: 'bagging.queue',
  enabled: (s) => settingsReady(s) && !!s.dataset && !isTraining(s) && !alreadyBagged(s),
  perform() {
    const s = getApp();
    if (!s.dataset || alreadyBagged(s)) return;
    const n = s.dataLab.members;
    const base = uniqueGroupName(i18n.t('bagging.groupName', { name: defaultRunName(s), count: n }), baggingGroups(s.runs).map((g) => g.name));
    const runs: Run[] = [];
    for (let member = 0; member < n; member++) {
      const run = { ...fromEditor(), config: { ...currentConfig(s), bootstrap: { member } }, startFrom: null, name: `${base} · ${i18n.t('bagging.memberName', { index: member + 1 })}` };
      addRun(run);
      runs.push(run);
    }
    const ids = new Set(runs.map((r) => r.id));
    if (!isTraining(getApp())) {
      void processQueue(runs[0].id).then(() => {
        // Averaged at once when every member trained; otherwise the panel's button does it later.
        const group = baggingGroups(getApp().runs).find((g) => g.members.some((m) => ids.has(m.runId)));
        if (group && group.members.every((m) => m.status === 'done')) void evaluateEnsemble.perform(group.key);
      });
    }
  },
});

/** Members that finished with a kept model: the ones an ensemble can average. */
export function ensembleMembers(s: AppState, group: BaggingGroup): string[] {
  const kept = new Set(s.results.models.map((m) => m.runId));
  return group.members.filter((m) => m.status === 'done' && kept.has(m.runId)).map((m) => m.runId);
}

/** Averages the members' test probabilities in the worker; the result lands under the group's key. */
export const evaluateEnsemble = defineAction<string>({
  name: 'evaluateEnsemble',
  labelKey: 'bagging.evaluate',
  enabled: (s) => !isTraining(s) && s.dataLab.ensembleBusy === null,
  async perform(key) {
    const s = getApp();
    const group = baggingGroups(s.runs).find((g) => g.key === key);
    if (!group) return;
    const members = ensembleMembers(s, group);
    if (members.length < 2) {
      setLab({ ensembleError: { key, message: i18n.t('bagging.needTwo', { count: members.length }) } });
      return;
    }
    setLab({ ensembleBusy: key, ensembleError: null });
    try {
      const result = await getEngine().evaluateEnsemble(members, group.datasetId, group.config.subsets, group.config.seed);
      setApp((a) => ({ dataLab: { ...a.dataLab, ensembles: { ...a.dataLab.ensembles, [key]: result }, ensembleBusy: null } }));
    } catch (e) {
      setLab({ ensembleBusy: null, ensembleError: { key, message: message(e) } });
    }
  },
});
