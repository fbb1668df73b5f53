import type { OwnDataset, OwnDatasetSummary, OwnProblem } from '../engine/data/userDatasets';
import type { FileProblem } from '../engine/input/fileCheck';
import type { OverfitKind } from './overfittingRuns';
import type { EnsembleEvaluation } from '../engine/models/ensemble';
import { create } from 'zustand';
import type { DatasetId } from '../engine/data/catalog';
import type { Availability } from '../engine/data/fetch';
import type { ByteProgress } from '../engine/data/download';
import type { SubsetSizes } from '../engine/data/subsets';
import type { BackendInfo } from '../engine/backend';
import type { CalibrationProgress, CalibrationResult } from '../engine/calibrationRecord';
import type { LoadedDataset, SubsetPreview } from '../engine/session';
import type { ItemSpec } from '../engine/spec/layers';
import type { IssueText } from '../engine/spec/messages';
import type { OptimizerSpec } from '../engine/train/optimizerSpec';
import type { ScheduleSpec } from '../engine/train/schedule';
import type { LossType } from '../engine/train/lossSpec';
import type { InitType } from '../engine/model/initSpec';
import { DEFAULT_TRAINING } from '../engine/train/config';
import type { AugmentationSpec } from '../engine/augment/spec';
import type { AugmentationPreview } from '../engine/augment/preview';
import { ACTIVE_STATUSES, type Run, type RunsNotice } from './runs';
import type { KeptModelInfo, ModelEvaluation } from '../engine/models/types';
import type { ConvExplanation, ConvFilters, Inspection } from '../engine/inspect/types';
import type { Classroom } from '../experiment/spec';
import type { ExperimentProblem, ExperimentSource } from '../experiment/problems';
import type { BatchMetrics, Divergence, DynamicsLayout, WeightsFrom, EarlyStop, EpochMetrics, Progress, TestResult } from '../engine/train/events';
import type { TrainingSnapshot } from '../engine/inspect/trainingStats';

// All UI state in one place. Components read it; only actions (src/actions) change it.

export interface EditableLayer {
  /** Stable key for React while layers move; not part of the shared spec. */
  key: string;
  /** A layer or a block. */
  spec: ItemSpec;
}

export type RunStatus = 'idle' | 'queued' | 'starting' | 'running' | 'pausing' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed' | 'diverged';

/** Why the engine was restarted, shown until dismissed; runs and settings are kept. */
export interface EngineNotice {
  kind: 'crashed' | 'contextLost' | 'stuck' | 'outOfMemory' | 'unresponsive';
  detail: string | null;
}

export interface RunState {
  status: RunStatus;
  backend: string | null;
  params: number;
  progress: Progress | null;
  batches: BatchMetrics[];
  epochs: EpochMetrics[];
  test: TestResult | null;
  testImages: Uint8Array | null;
  error: string | null;
  /** Set when early stopping ended the run. */
  earlyStop: EarlyStop | null;
  /** Set when the loss stopped being finite and the run stopped itself. */
  divergence: Divergence | null;
  /** Which epoch's weights the run's model holds (from the done event). */
  weightsFrom: WeightsFrom | null;
  tensors: { before: number; after: number } | null;
  /** Which layers the gradient norms (in each batch's metrics) and the snapshots are of; null before the start event. */
  dynamics: DynamicsLayout | null;
  /** Weight and gradient histograms and dead-ReLU shares, a few dozen moments over the run. */
  snapshots: TrainingSnapshot[];
}

export const IDLE_RUN: RunState = {
  status: 'idle',
  backend: null,
  params: 0,
  progress: null,
  batches: [],
  epochs: [],
  test: null,
  testImages: null,
  error: null,
  earlyStop: null,
  divergence: null,
  weightsFrom: null,
  tensors: null,
  dynamics: null,
  snapshots: [],
};

/** Backend calibration: timings per backend, the pick, and a hand-chosen override. */
export interface CalibrationState {
  status: 'idle' | 'running' | 'done' | 'failed';
  progress: CalibrationProgress | null;
  result: CalibrationResult | null;
  /** True when the result was remembered from an earlier visit rather than measured now. */
  remembered: boolean;
  override: string | null;
  available: string[];
  error: string | null;
}

export const IDLE_CALIBRATION: CalibrationState = {
  status: 'idle',
  progress: null,
  result: null,
  remembered: false,
  override: null,
  available: [],
  error: null,
};

/** The kept-model views: which run's model is examined and what its last evaluation gave. */
export interface ResultsState {
  evaluation: ModelEvaluation | null;
  evaluating: boolean;
  error: string | null;
  /** The kept models as the engine lists them (memory and storage). */
  models: KeptModelInfo[];
  /** Runs whose models were just unloaded from memory to make room (shown until the next run). */
  unloaded: string[];
  /** Why the last model import was refused. */
  importProblem: string | null;
}

export const IDLE_RESULTS: ResultsState = { evaluation: null, evaluating: false, error: null, models: [], unloaded: [], importProblem: null };

/** The views inside a kept model, for one test image. */
export interface InsideState {
  runId: string | null;
  /** Position in the run's test subset. */
  imageIndex: number;
  inspection: Inspection | null;
  filters: ConvFilters[] | null;
  explanation: ConvExplanation | null;
  busy: boolean;
  error: string | null;
  /** The student's latest drawing or upload, as the model's input, [0, 1]. */
  ownInput: Float32Array | null;
  /** Whether the views show the student's own input rather than test image `imageIndex`. */
  usingOwn: boolean;
  /** Whether the views follow the weights while the run trains (a few times a second). */
  live: boolean;
}

export const IDLE_INSIDE: InsideState = {
  runId: null,
  imageIndex: 0,
  inspection: null,
  filters: null,
  explanation: null,
  busy: false,
  error: null,
  ownInput: null,
  usingOwn: false,
  live: true,
};

/** What the app says about the experiment it just loaded (a link, a file, the saved copy), until dismissed. */
export interface ExperimentNotice {
  source: ExperimentSource;
  /** The file's name, for a file. */
  name: string | null;
  /** False when nothing could be read, so what was on screen before stayed. */
  loaded: boolean;
  problems: ExperimentProblem[];
}

/** The experiment panel: whether the share box is open and what copying the link gave. */
export interface SharePanelState {
  open: boolean;
  copy: 'copied' | 'failed' | null;
  /** The teacher link made last, with the choice below; null until made. */
  teacherLink: string | null;
  /** The controls the teacher chose to hide and lock, for the next teacher link. */
  teacherChoice: Classroom;
}

export const IDLE_SHARE: SharePanelState = { open: false, copy: null, teacherLink: null, teacherChoice: { hidden: [], locked: [] } };

export interface AppState {
  engineError: string | null;
  results: ResultsState;
  engineNotice: EngineNotice | null;
  backend: BackendInfo | null;
  availability: Partial<Record<DatasetId, Availability>>;
  datasetId: DatasetId;
  dataset: LoadedDataset | null;
  datasetLoading: boolean;
  /** Bytes of the dataset being downloaded so far (null before the first byte and when none is). */
  datasetProgress: ByteProgress | null;
  datasetError: string | null;
  subsets: SubsetSizes;
  preview: SubsetPreview | null;
  layers: EditableLayer[];
  presetId: string | null;
  importError: IssueText | null;
  optimizer: OptimizerSpec;
  schedule: ScheduleSpec;
  /** The data loss and the kernels' initialisation, as in TrainingConfig. */
  loss: LossType;
  init: InitType;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Weight decay and early stopping, as in TrainingConfig (0 = off). */
  l1: number;
  l2: number;
  earlyStoppingPatience: number;
  /** With early stopping, end with the best validation epoch's weights. */
  restoreBestWeights: boolean;
  /** Changes to each training batch, as in TrainingConfig. */
  augmentation: AugmentationSpec;
  /** The same training images, each as it is and augmented several ways by `augmentation`. */
  augmentationPreview: AugmentationPreview | null;
  augmentationPreviewError: string | null;
  /** The next run starts from this run's kept model instead of fresh weights (Continue training). */
  startFrom: string | null;
  /** The layer (spec index) picked in the network diagram or the views inside the network. */
  selectedLayer: number | null;
  inside: InsideState;
  /**
   * The runs the weights-and-gradients views show side by side: `left` null follows the current run;
   * `right` null shows none beside it.
   */
  dynamicsPair: { left: string | null; right: string | null };
  /** The current run: the one training, or the one whose results are shown. Same object as in `runs`. */
  run: RunState;
  currentRunId: string | null;
  /** Every run of the comparison, queued, training and finished, oldest first. */
  runs: Run[];
  /** True while queued runs are being trained one after another. */
  queueRunning: boolean;
  chartX: 'epochs' | 'images' | 'time';
  logLoss: boolean;
  /** Problems met reading saved runs back, shown until dismissed. */
  runsNotice: RunsNotice[];
  calibration: CalibrationState;
  /** Whether the optimizer-paths panel is open (part of the experiment: a lesson may open it). */
  pathsOpen: boolean;
  /** The lesson open beside the app, and its step (src/lessons). */
  /** `runsBefore`: per step, the runs there when the student first opened it (its checks count only later ones). */
  lesson: { id: string; step: number; runsBefore: Record<number, string[]> } | null;
  /** The `?` overlay listing the keyboard shortcuts. */
  shortcutsOpen: boolean;
  /** Presenter mode: large type, the chart beside the controls, only the panels a lesson needs. */
  presenter: boolean;
  /** Controls a classroom (teacher) link hid or locked; empty lists outside a classroom. */
  classroom: Classroom;
  experimentNotice: ExperimentNotice | null;
  share: SharePanelState;
  dataLab: DataLabState;
  own: OwnDatasetsState;
  /** Set when a link or saved experiment named an own dataset this browser does not have: MNIST was loaded instead. */
  datasetNotice: { code: 'ownMissing'; id: string } | null;
}

/** Own datasets (src/actions/ownDatasetActions.ts): the list, the one being edited, what the last change said. */
export interface OwnDatasetsState {
  list: OwnDatasetSummary[];
  /** The dataset open in the own-dataset panel, with its pixels (for the thumbnails). */
  editing: OwnDataset | null;
  busy: boolean;
  /** What the last change could not do: one problem each, files named. */
  problems: OwnNotice[];
  /** Images the last change added. */
  added: number | null;
}

export type OwnNotice = { kind: 'own'; problem: OwnProblem } | { kind: 'file'; file: string; problem: FileProblem };

export const IDLE_OWN: OwnDatasetsState = { list: [], editing: null, busy: false, problems: [], added: null };

/** The data lab's choices and what it has worked out (src/actions/dataLabActions.ts). */
export interface DataLabState {
  overfitTrainImages: number;
  overfitEpochs: number;
  /** A preset id, or 'editor' for the model in the builder. */
  overfitModel: string;
  /** The lab's runs, by kind, for its gap charts (the last comparison queued). */
  overfitRuns: { kind: OverfitKind; runId: string }[];
  /** Why the comparison could not be queued (e.g. the subsets exceed the dataset). */
  overfitError: string | null;
  folds: number;
  members: number;
  /** Ensemble test accuracy per bagging group key, for the members it was worked out with. */
  ensembles: Record<string, EnsembleEvaluation>;
  ensembleBusy: string | null;
  ensembleError: { key: string; message: string } | null;
}

export const IDLE_DATA_LAB: DataLabState = {
  overfitTrainImages: 500,
  overfitEpochs: 20,
  overfitModel: 'lenet-modern',
  overfitRuns: [],
  overfitError: null,
  folds: 3,
  members: 5,
  ensembles: {},
  ensembleBusy: null,
  ensembleError: null,
};

export const useApp = create<AppState>()(() => ({
  engineError: null,
  results: IDLE_RESULTS,
  engineNotice: null,
  backend: null,
  availability: {},
  datasetId: 'mnist',
  dataset: null,
  datasetLoading: false,
  datasetProgress: null,
  datasetError: null,
  subsets: DEFAULT_TRAINING.subsets,
  preview: null,
  layers: [],
  presetId: null,
  importError: null,
  optimizer: DEFAULT_TRAINING.optimizer,
  schedule: DEFAULT_TRAINING.schedule,
  loss: DEFAULT_TRAINING.loss,
  init: DEFAULT_TRAINING.init,
  batchSize: DEFAULT_TRAINING.batchSize,
  epochs: DEFAULT_TRAINING.epochs,
  seed: DEFAULT_TRAINING.seed,
  l1: DEFAULT_TRAINING.l1,
  l2: DEFAULT_TRAINING.l2,
  earlyStoppingPatience: DEFAULT_TRAINING.earlyStoppingPatience,
  restoreBestWeights: DEFAULT_TRAINING.restoreBestWeights,
  augmentation: DEFAULT_TRAINING.augmentation,
  augmentationPreview: null,
  augmentationPreviewError: null,
  startFrom: null,
  selectedLayer: null,
  inside: IDLE_INSIDE,
  dynamicsPair: { left: null, right: null },
  run: IDLE_RUN,
  currentRunId: null,
  runs: [],
  queueRunning: false,
  chartX: 'epochs',
  logLoss: false,
  runsNotice: [],
  calibration: IDLE_CALIBRATION,
  pathsOpen: false,
  shortcutsOpen: false,
  lesson: null,
  presenter: false,
  classroom: { hidden: [], locked: [] },
  experimentNotice: null,
  share: IDLE_SHARE,
  dataLab: IDLE_DATA_LAB,
  own: IDLE_OWN,
  datasetNotice: null,
}));

export const setApp = useApp.setState;
export const getApp = useApp.getState;

/** The runs with `run` kept pointing at the current one. */
export function withRuns(runs: Run[], currentRunId: string | null): Pick<AppState, 'runs' | 'currentRunId' | 'run'> {
  return { runs, currentRunId, run: runs.find((r) => r.id === currentRunId) ?? IDLE_RUN };
}

export function updateRunById(id: string, patch: Partial<Run> | ((run: Run) => Partial<Run>)): void {
  setApp((s) => {
    const runs = s.runs.map((r) => (r.id === id ? { ...r, ...(typeof patch === 'function' ? patch(r) : patch) } : r));
    return withRuns(runs, s.currentRunId);
  });
}

/** Updates the current run. */
export function updateRun(patch: Partial<RunState> | ((run: RunState) => Partial<RunState>)): void {
  const id = getApp().currentRunId;
  if (id) updateRunById(id, patch);
}

let nextKey = 0;
export function editable(spec: ItemSpec): EditableLayer {
  return { key: `layer${nextKey++}`, spec };
}

export const isTraining = (s: AppState): boolean => s.queueRunning || ACTIVE_STATUSES.includes(s.run.status);
