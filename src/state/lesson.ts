import type { LessonView } from '../lessons';
import type { AppState } from './store';

/** What a lesson's checks read of the app's state. */
export function lessonView(s: AppState): LessonView {
  const run = s.runs.find((r) => r.id === s.currentRunId);
  return {
    run: run ? { status: run.status, testAccuracy: run.test?.accuracy ?? null } : null,
    layerCount: s.layers.length,
    insideRunId: s.inside.inspection ? s.inside.runId : null,
    currentRunId: s.currentRunId,
  };
}
