import type { LessonCheck } from './types';

/** What the checks read of the app: the current run's outcome, the editor's layer count, the views inside. */
export interface LessonView {
  run: { status: string; testAccuracy: number | null } | null;
  layerCount: number;
  /** The run the views inside the network show, if any. */
  insideRunId: string | null;
  currentRunId: string | null;
}

export function checkPassed(check: LessonCheck, v: LessonView): boolean {
  switch (check.kind) {
    case 'runFinished':
      return v.run?.status === 'done';
    case 'testAccuracyAtLeast':
      return v.run?.status === 'done' && v.run.testAccuracy !== null && v.run.testAccuracy >= check.value;
    case 'lookedInside':
      return v.currentRunId !== null && v.insideRunId === v.currentRunId;
    case 'layerCount':
      return v.layerCount === check.count;
  }
}
