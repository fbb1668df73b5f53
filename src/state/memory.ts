import { analyzeModel } from '../engine/spec/analyze';
import type { ModelSpec } from '../engine/spec/layers';
import type { TrainingConfig } from '../engine/train/config';
import { checkRunMemory, estimateRunMemory, type MemoryBudget, type MemoryEstimate, type MemoryProblem } from '../engine/train/memory';
import { checkStepTime, hasBatchNorm, type StepTimeProblem } from '../engine/train/stepParts';
import { currentConfig, currentSpec } from './spec';
import type { AppState } from './store';

// The memory a run would need on the current backend, for the training panel and for Train's enabled
// state, so a run that cannot fit is refused before it starts (the engine checks again: src/engine/session.ts).
// A model so costly that even its smallest step part would keep Pause and Stop waiting on a backend whose
// kernels block the worker (wasm, cpu) is refused the same way (src/engine/train/stepParts.ts).

export interface RunMemory {
  estimate: MemoryEstimate;
  budget: MemoryBudget;
  problem: MemoryProblem | StepTimeProblem | null;
}

/** Null while the model or settings are not valid numbers yet (their own messages say why). */
export function runMemory(spec: ModelSpec, config: TrainingConfig, numClasses: number, budget: MemoryBudget): RunMemory | null {
  const { batchSize, subsets } = config;
  const counts = [batchSize, subsets.train, subsets.validation, subsets.test];
  if (!counts.every((n) => Number.isFinite(n) && n >= 0)) return null;
  const analysis = analyzeModel(spec, numClasses);
  if (!analysis.ok) return null;
  const estimate = estimateRunMemory(analysis, { optimizer: config.optimizer.type, batchSize, subsets, imageShape: spec.inputShape });
  const problem = checkRunMemory(estimate, budget) ?? checkStepTime(analysis, budget.backend, hasBatchNorm(spec));
  return { estimate, budget, problem };
}

let last: { inputs: unknown[]; result: RunMemory | null } | null = null;

/** The editor's run on the current backend; recomputed only when one of its inputs changed. */
export function editorMemory(s: AppState): RunMemory | null {
  if (!s.backend || !s.dataset) return null;
  const inputs = [s.layers, s.dataset, s.backend, s.optimizer.type, s.batchSize, s.subsets];
  if (last && last.inputs.every((x, i) => Object.is(x, inputs[i]))) return last.result;
  const result = runMemory(currentSpec(s), currentConfig(s), s.dataset.classNames.length, s.backend.budget);
  last = { inputs, result };
  return result;
}
