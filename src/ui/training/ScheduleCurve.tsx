import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { scheduleCurve, type ScheduleSpec } from '../../engine/train/schedule';

const W = 120;
const H = 36;

/** The schedule's multiplier over the whole run, small enough to sit beside its fields. */
// Memoised: the panel re-renders on every run status change, and a recharts chart is costly to re-render.
export const ScheduleCurve = memo(function ScheduleCurve({ schedule, epochs, stepsPerEpoch }: { schedule: ScheduleSpec; epochs: number; stepsPerEpoch: number }) {
  const { t } = useTranslation();
  const points = scheduleCurve(schedule, epochs, Math.max(1, stepsPerEpoch));
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${((p.epoch / Math.max(epochs, 1e-9)) * W).toFixed(1)},${(H - 2 - p.factor * (H - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg className="schedule-curve" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('training.scheduleCurve')} data-testid="schedule-curve">
      <title>{t('training.scheduleCurve')}</title>
      <line x1={0} y1={H - 2} x2={W} y2={H - 2} className="axis" />
      <path d={path} fill="none" />
    </svg>
  );
});
