import type { TFunction } from 'i18next';
import type { Run } from '../../state/runs';

/** A run's status in words; a diverged run says where and what to do ("diverged at step 6: loss became NaN — …"). */
export function statusText(t: TFunction, run: Pick<Run, 'status' | 'divergence'>): string {
  if (run.status === 'diverged' && run.divergence) {
    return t('engine.diverged', { step: run.divergence.step + 1, value: run.divergence.value }) as string;
  }
  return t(`training.status.${run.status}`) as string;
}
