import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingSnapshot } from '../../engine/inspect/trainingStats';
import { deadReluSummary } from './dynamicsSeries';

const percent = (v: number) => `${(v * 100).toFixed(0)} %`;

/** Per ReLU layer, the share of units that output 0 for every probe image: at the start and now. */
export const DeadRelu = memo(function DeadRelu({ snapshots, relus, probeImages }: { snapshots: readonly TrainingSnapshot[]; relus: number; probeImages: number }) {
  const { t } = useTranslation();
  const rows = deadReluSummary(snapshots);
  return (
    <div className="dynamics-view" data-testid="dead-relu">
      <h4>{t('dynamics.dead.title')}</h4>
      <p className="muted about">{t('dynamics.dead.about', { count: probeImages })}</p>
      {relus === 0 ? <p className="muted">{t('dynamics.dead.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="compact">
          <thead>
            <tr>
              <th>{t('dynamics.dead.layer')}</th>
              <th>{t('dynamics.dead.first')}</th>
              <th>{t('dynamics.dead.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.layer} data-testid="dead-relu-row" data-fraction={r.latest}>
                <td>{t('inspect.featureMaps.layer', { index: r.layer + 1, type: t(`layer.${r.type}`, { defaultValue: r.type }) })}</td>
                <td>{percent(r.first)}</td>
                <td className={r.latest >= 0.5 ? 'error' : undefined}>{percent(r.latest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
});
