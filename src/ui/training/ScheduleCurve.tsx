import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleSpec } from '../../engine/train/schedule';
import { schedulePath } from './curvePath';

const W = 120;
const H = 36;

/** The schedule's multiplier over the whole run, small enough to sit beside its fields; only the axis while a field is not a number. */
// Memoised: the panel re-renders on every run status change, and a recharts chart is costly to re-render.
export const ScheduleCurve = memo(function ScheduleCurve({ schedule, epochs, stepsPerEpoch }: { schedule: ScheduleSpec; epochs: number; stepsPerEpoch: number }) {
  const { t } = useTranslation();
  const path = schedulePath(schedule, epochs, stepsPerEpoch, W, H);
  return (
    <svg className="schedule-curve" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('training.scheduleCurve')} data-testid="schedule-curve">
      <title>{t('training.scheduleCurve')}</title>
      <line x1={0} y1={H - 2} x2={W} y2={H - 2} className="axis" />
      {path !== null ? <path d={path} fill="none" /> : null}
    </svg>
  );
});
