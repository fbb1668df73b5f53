import i18n from '../i18n';
import { ACTIVE_STATUSES, FINISHED_STATUSES } from '../state/runs';
import { loadSavedRuns } from '../state/savedRuns';
import { configToEditor, currentSpec } from '../state/spec';
import { editable, getApp, isTraining, setApp, updateRunById, withRuns, type AppState } from '../state/store';
import { isLocked } from '../state/experiment';
import { chartsToPng } from '../ui/charts/exportPng';
import type { XAxisMode } from '../ui/charts/runSeries';
import { download, stamp } from '../state/download';
import { runRow, runsCsv } from '../ui/runs/runRows';
import { refreshPreview, selectDataset } from './datasetActions';
import { addRun, findRun, forget, loadTestImages, persist, processQueue, runFromEditor } from './runQueue';
import { settingsReady } from './trainingActions';
import { defineAction } from './types';
import { chartedLosses } from '../state/chartedLosses';

// Commands on the list of runs: queue, train the queue, duplicate, hide, rename, delete, export.

const isActive = (s: AppState, id: string) => s.runs.some((r) => r.id === id && ACTIVE_STATUSES.includes(r.status));

export const queueRun = defineAction({
  name: 'queueRun',
  labelKey: 'runs.addToQueue',
  shortcut: { key: 'q', label: 'Q' },
  enabled: settingsReady,
  perform() {
    const s = getApp();
    if (settingsReady(s)) addRun(runFromEditor(s));
  },
});

export const trainQueue = defineAction({
  name: 'trainQueue',
  labelKey: 'runs.trainQueue',
  enabled: (s) => !isTraining(s) && !!s.backend && s.runs.some((r) => r.status === 'queued'),
  perform: () => processQueue(),
});

export const renameRun = defineAction<{ id: string; name: string }>({
  name: 'renameRun',
  labelKey: 'runs.rename',
  perform({ id, name }) {
    const trimmed = name.trim().slice(0, 200);
    if (!trimmed) return;
    updateRunById(id, { name: trimmed });
    const run = findRun(id);
    if (run && !ACTIVE_STATUSES.includes(run.status)) persist(run);
  },
});

export const setRunHidden = defineAction<{ id: string; hidden: boolean }>({
  name: 'setRunHidden',
  labelKey: 'runs.visible',
  perform({ id, hidden }) {
    updateRunById(id, { hidden });
    const run = findRun(id);
    if (run && !ACTIVE_STATUSES.includes(run.status)) persist(run);
  },
});

export const deleteRun = defineAction<string>({
  name: 'deleteRun',
  labelKey: 'runs.delete',
  perform(id) {
    const s = getApp();
    if (isActive(s, id)) return; // stop it first
    setApp(withRuns(s.runs.filter((r) => r.id !== id), s.currentRunId === id ? null : s.currentRunId));
    forget(id);
  },
});

/** Puts a run's model and settings back in the editor, to change one setting and queue the variant. */
export const duplicateRun = defineAction<string>({
  name: 'duplicateRun',
  labelKey: 'runs.duplicate',
  enabled: (s) => !isTraining(s),
  async perform(id) {
    const run = findRun(id);
    const s = getApp();
    if (!run || isTraining(s)) return;
    const sameModel = JSON.stringify(currentSpec(s).layers) === JSON.stringify(run.spec.layers);
    // What a classroom link locked stays as the teacher set it; the rest comes from the run.
    const settings = Object.fromEntries(Object.entries(configToEditor(s, run.config)).filter(([key]) => !isLocked(s, key)));
    setApp({
      ...settings,
      ...(sameModel || isLocked(s, 'model') ? {} : { layers: run.spec.layers.map(editable), presetId: null, importError: null }),
    });
    if (run.datasetId !== s.datasetId && !isLocked(s, 'dataset')) {
      await selectDataset.perform(run.datasetId);
      // Switching dataset may swap augmentation defaults: the run's own settings win (unless locked).
      if (!isLocked(s, 'augmentation')) setApp({ augmentation: run.config.augmentation });
    }
    await refreshPreview();
  },
});

/** Loads a run's model and settings into the editor, and the next run starts from its kept weights. */
export const continueTraining = defineAction<string>({
  name: 'continueTraining',
  labelKey: 'keptModels.continue',
  enabled: (s) => !isTraining(s),
  async perform(id) {
    await duplicateRun.perform(id);
    setApp({ startFrom: id });
  },
});

export const trainFromScratch = defineAction({
  name: 'trainFromScratch',
  labelKey: 'keptModels.fromScratch',
  enabled: (s) => s.startFrom !== null && !isTraining(s),
  perform() {
    setApp({ startFrom: null });
  },
});

/**
 * Reset: back to an untrained start. The current run is put aside (it stays in the run table with its
 * model) and the next Train starts from fresh weights, as after a page load.
 */
export const resetRun = defineAction({
  name: 'resetRun',
  labelKey: 'training.reset',
  enabled: (s) => !isTraining(s) && (s.currentRunId !== null || s.startFrom !== null),
  perform() {
    setApp((s) => ({ ...withRuns(s.runs, null), startFrom: null }));
  },
});

/** Shows a finished run in the results panel. */
export const showRun = defineAction<string>({
  name: 'showRun',
  labelKey: 'runs.show',
  enabled: (s) => !isTraining(s),
  async perform(id) {
    const run = findRun(id);
    if (!run || isTraining(getApp())) return;
    setApp((s) => withRuns(s.runs, id));
    if (!run.test || run.testImages) return;
    try {
      // Saved runs keep no images; they come back from the dataset when it is loaded.
      await loadTestImages(run);
    } catch {
      // the dataset is not loaded in the engine: the results show without the image strip
    }
  },
});

export const setChartX = defineAction<XAxisMode>({
  name: 'setChartX',
  labelKey: 'charts.xAxis',
  perform(mode) {
    setApp({ chartX: mode });
  },
});

export const toggleLogLoss = defineAction({
  name: 'toggleLogLoss',
  labelKey: 'charts.logScale',
  perform() {
    setApp((s) => ({ logLoss: !s.logLoss }));
  },
});

export const exportRunsCsv = defineAction({
  name: 'exportRunsCsv',
  labelKey: 'runs.exportCsv',
  enabled: (s) => s.runs.length > 0,
  perform() {
    const csv = runsCsv(getApp().runs.map(runRow));
    download(`runs-${stamp()}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  },
});

export const exportChartsPng = defineAction({
  name: 'exportChartsPng',
  labelKey: 'charts.exportPng',
  enabled: (s) => s.runs.some((r) => !r.hidden && r.batches.length > 0),
  async perform() {
    const charts = (['loss', 'accuracy'] as const).flatMap((metric) => {
      const svg = document.querySelector<SVGSVGElement>(`[data-testid="${metric}-chart"] svg.recharts-surface`);
      // The loss chart's title names the losses drawn, as on screen.
      const names = chartedLosses(getApp()).map((l) => i18n.t(`lossFunction.short.${l}`)).join(', ');
      return svg ? [{ title: metric === 'loss' ? i18n.t('charts.lossNamed', { names }) : i18n.t('charts.accuracy'), svg }] : [];
    });
    if (charts.length === 0) return;
    const s = getApp();
    const legend = s.runs.filter((r) => !r.hidden && r.batches.length > 0).map((r) => ({ name: r.name, colour: r.colour }));
    const note = `${i18n.t('charts.pngNote')} · ${i18n.t('charts.xAxis')}: ${i18n.t(`charts.x.${s.chartX}`)}`;
    download(`charts-${stamp()}.png`, await chartsToPng(charts, legend, note));
  },
});

/** Reads saved runs back; an unreadable record is reported and left in storage untouched. */
export const restoreRuns = defineAction({
  name: 'restoreRuns',
  labelKey: 'runs.restore',
  async perform() {
    try {
      const saved = await loadSavedRuns();
      setApp((s) => {
        const have = new Set(s.runs.map((r) => r.id));
        const runs = [...saved.runs.filter((r) => !have.has(r.id)), ...s.runs];
        const lastFinished = saved.runs.filter((r) => FINISHED_STATUSES.includes(r.status)).at(-1);
        return {
          ...withRuns(runs, s.currentRunId ?? lastFinished?.id ?? null),
          runsNotice: saved.unreadable.map((u) => ({ kind: 'unreadable' as const, name: u.name, problem: u.text })),
        };
      });
    } catch (e) {
      setApp({ runsNotice: [{ kind: 'storage', name: '', problem: e instanceof Error ? e.message : String(e) }] });
    }
  },
});

export const dismissRunsNotice = defineAction({
  name: 'dismissRunsNotice',
  labelKey: 'runs.dismiss',
  perform() {
    setApp({ runsNotice: [] });
  },
});
