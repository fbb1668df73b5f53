import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { thinCurve } from '../../engine/metrics/thin';
import type { ModelEvaluation } from '../../engine/models/types';
import { classColour } from './classColours';
import { CurvesPlot } from './CurvesPlot';
import { ratioText } from './format';
import { UndefinedValue } from './UndefinedValue';
import { useCurveMetrics } from './useEvaluationMetrics';
import './results.css';

export interface RocCurvesProps {
  evaluation: ModelEvaluation;
}

type View = 'roc' | 'pr';

// A full curve has a point per distinct score (up to one per image); 200 are more than the plot can show.
const MAX_POINTS = 200;

/**
 * One-vs-rest ROC curves per class with their AUCs and the macro AUC, or (toggle) the precision–recall
 * curves with their average precisions. The legend is HTML; a click on a class shows its curve alone.
 */
export const RocCurves = memo(function RocCurves({ evaluation }: RocCurvesProps) {
  const { t } = useTranslation();
  const metrics = useCurveMetrics(evaluation);
  const [view, setView] = useState<View>('roc');
  const [focus, setFocus] = useState<number | null>(null);
  const curves = useMemo(
    () =>
      view === 'roc'
        ? metrics.roc.map((r) => (r ? thinCurve(r.fpr, r.tpr, MAX_POINTS) : null))
        : metrics.precisionRecall.map((r) => (r ? thinCurve(r.recall, r.precision, MAX_POINTS) : null)),
    [metrics, view],
  );
  const areas = view === 'roc' ? metrics.roc.map((r) => r?.auc ?? null) : metrics.precisionRecall.map((r) => r?.averagePrecision ?? null);
  const summary =
    view === 'roc'
      ? { value: metrics.macroAuc.auc, count: metrics.macroAuc.classesCounted, key: 'macroAuc' }
      : { value: metrics.meanAveragePrecision, count: metrics.averagePrecisionClasses, key: 'meanAp' };
  return (
    <section className="results-view" data-testid="roc-curves" data-view={view}>
      <div className="row spread">
        <h3>{view === 'roc' ? t('resultsViews.roc.title') : t('resultsViews.roc.prTitle')}</h3>
        <div className="segmented" role="group" aria-label={t('resultsViews.roc.view')}>
          {(['roc', 'pr'] as const).map((v) => (
            <button key={v} type="button" data-testid={`curves-${v}`} aria-pressed={view === v} onClick={() => setView(v)}>
              {t(`resultsViews.roc.${v}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="big-figure" data-testid={view === 'roc' ? 'macro-auc' : 'mean-ap'}>
        {summary.value === null ? (
          <UndefinedValue reason={t('resultsViews.metrics.noAverage')} />
        ) : (
          t(`resultsViews.roc.${summary.key}`, { count: summary.count, value: ratioText(summary.value) })
        )}
      </p>
      <div className="curves-chart">
        <CurvesPlot
          curves={curves}
          diagonal={view === 'roc'}
          focus={focus}
          xLabel={view === 'roc' ? t('resultsViews.roc.fpr') : t('resultsViews.roc.recall')}
          yLabel={view === 'roc' ? t('resultsViews.roc.tpr') : t('resultsViews.roc.precision')}
        />
      </div>
      <div className="legend curves-legend" title={t('resultsViews.roc.focusHint')}>
        {evaluation.classNames.map((name, c) => (
          <button
            key={c}
            type="button"
            className="legend-entry"
            data-testid="curve-legend-entry"
            data-class={c}
            aria-pressed={focus === c}
            disabled={areas[c] === null}
            onClick={() => setFocus((f) => (f === c ? null : c))}
          >
            <span className="swatch" style={{ background: classColour(c) }} />
            {name}{' '}
            <span className="muted" data-testid="curve-area">
              {areas[c] === null ? (
                <UndefinedValue reason={view === 'roc' ? t('resultsViews.roc.undefinedAuc') : t('resultsViews.roc.undefinedAp')} />
              ) : (
                t(view === 'roc' ? 'resultsViews.roc.auc' : 'resultsViews.roc.ap', { value: ratioText(areas[c]!) })
              )}
            </span>
          </button>
        ))}
        {view === 'roc' ? (
          <span className="legend-key muted">
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="22" y2="4" stroke="#9aa5b1" strokeWidth="1" strokeDasharray="4 4" />
            </svg>{' '}
            {t('resultsViews.roc.chance')}
          </span>
        ) : null}
      </div>
      <details className="explanations">
        <summary>{t('resultsViews.roc.explanation')}</summary>
        <p>
          {view === 'roc' ? t('resultsViews.roc.explainRoc') : t('resultsViews.roc.explainPr')}{' '}
          <code>{view === 'roc' ? t('resultsViews.roc.formulaRoc') : t('resultsViews.roc.formulaPr')}</code>
        </p>
      </details>
    </section>
  );
});
