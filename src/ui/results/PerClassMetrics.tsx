import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AverageMetrics } from '../../engine/metrics/classification';
import type { ModelEvaluation } from '../../engine/models/types';
import { countText, percentText, ratioText } from './format';
import { UndefinedValue } from './UndefinedValue';
import { useClassificationMetrics } from './useEvaluationMetrics';
import './results.css';

export interface PerClassMetricsProps {
  evaluation: ModelEvaluation;
}

const COLUMNS = ['precision', 'recall', 'f1', 'support'] as const;
const EXPLAINED = ['precision', 'recall', 'f1', 'support', 'macro', 'weighted', 'micro', 'top1', 'top3'] as const;
type Explained = (typeof EXPLAINED)[number];

/**
 * Precision, recall, F1 and support per class, then the macro, weighted and micro averages and the top-1
 * and top-3 accuracy. Each header's tooltip says what it means with its formula, and the same text is in a
 * <details> under the table (tooltips do not open on touch screens). An undefined value shows as "—" with
 * its reason as tooltip.
 */
export const PerClassMetrics = memo(function PerClassMetrics({ evaluation }: PerClassMetricsProps) {
  const { t, i18n } = useTranslation();
  const metrics = useClassificationMetrics(evaluation);
  const { perClass, averages } = metrics;
  const lang = i18n.language;
  const counted = averages.classesCounted;
  const explain = (m: Explained) => `${t(`resultsViews.metrics.explain.${m}`, { count: counted })}\n${t(`resultsViews.metrics.formula.${m}`)}`;
  const ratio = (v: number | null, reason: string) => (v === null ? <UndefinedValue reason={reason} /> : ratioText(v));
  const noImages = t('resultsViews.metrics.noAverage');
  const averageRow = (kind: 'macro' | 'weighted' | 'micro', avg: AverageMetrics) => (
    <tr key={kind} className="average-row" data-testid={`average-${kind}`}>
      <th scope="row" title={explain(kind)} className="explained">
        {t(`resultsViews.metrics.${kind}`)}
      </th>
      <td>{ratio(avg.precision, noImages)}</td>
      <td>{ratio(avg.recall, noImages)}</td>
      <td>{ratio(avg.f1, noImages)}</td>
      <td data-testid="support-total">{countText(metrics.images, lang)}</td>
    </tr>
  );
  const accuracyRow = (kind: 'top1' | 'top3', value: number | null) => (
    <tr key={kind} className="accuracy-row">
      <th scope="row" title={explain(kind)} className="explained">
        {t(`resultsViews.metrics.${kind}`)}
      </th>
      <td colSpan={3} data-testid={`${kind}-accuracy`}>
        {value === null ? <UndefinedValue reason={noImages} /> : percentText(value)}
      </td>
      <td>{countText(metrics.images, lang)}</td>
    </tr>
  );
  return (
    <section className="results-view" data-testid="per-class-metrics">
      <h3>{t('resultsViews.metrics.title')}</h3>
      <table className="metrics-table">
        <thead>
          <tr>
            <th scope="col">{t('resultsViews.metrics.class')}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="explained" title={explain(c)} data-testid={`metric-header-${c}`}>
                {t(`resultsViews.metrics.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {perClass.map((m, c) => (
            <tr key={c} data-testid="class-row" data-class={c}>
              <th scope="row">{evaluation.classNames[c]}</th>
              <td data-testid="precision">{ratio(m.precision, t('resultsViews.metrics.neverPredicted'))}</td>
              <td data-testid="recall">{ratio(m.recall, t('resultsViews.metrics.noImages'))}</td>
              <td data-testid="f1">{ratio(m.f1, t('resultsViews.metrics.absent'))}</td>
              <td data-testid="support" data-value={m.support}>
                {countText(m.support, lang)}
              </td>
            </tr>
          ))}
        </tbody>
        <tbody className="summary-rows">
          {averageRow('macro', averages.macro)}
          {averageRow('weighted', averages.weighted)}
          {averageRow('micro', averages.micro)}
          {accuracyRow('top1', metrics.top1)}
          {accuracyRow('top3', metrics.topK)}
        </tbody>
      </table>
      <details className="explanations" data-testid="metric-explanations">
        <summary>{t('resultsViews.metrics.explanations')}</summary>
        <dl>
          {EXPLAINED.map((m) => (
            <div key={m}>
              <dt>{t(`resultsViews.metrics.${m}`)}</dt>
              <dd>
                {t(`resultsViews.metrics.explain.${m}`, { count: counted })} <code>{t(`resultsViews.metrics.formula.${m}`)}</code>
              </dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('resultsViews.metrics.terms')}</p>
        <p className="muted">{t('resultsViews.metrics.undefinedNote')}</p>
      </details>
    </section>
  );
});
