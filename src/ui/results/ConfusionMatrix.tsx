import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelEvaluation } from '../../engine/models/types';
import { SCALE_GRADIENT, scaleColour, scaleTextColour } from './colourScale';
import { cellShareText, countText } from './format';
import { useClassificationMetrics } from './useEvaluationMetrics';
import './results.css';

export interface ConfusionCell {
  trueClass: number;
  predictedClass: number;
}

export interface ConfusionMatrixProps {
  evaluation: ModelEvaluation;
  /** A click on a cell (only cells with images can be clicked). */
  onCell(trueClass: number, predictedClass: number): void;
  /** The cell whose images are open, drawn outlined. */
  selected?: ConfusionCell | null;
}

type Mode = 'counts' | 'normalised';

/**
 * Rows are true classes, columns predicted ones. The colour is the count over the largest count (counts
 * view) or the share of the row (row-normalised view), so the legend's scale is always 0 … its maximum.
 * 100 buttons in a table: cheap to render, reachable by keyboard, and each says what it holds.
 */
export const ConfusionMatrix = memo(function ConfusionMatrix({ evaluation, onCell, selected }: ConfusionMatrixProps) {
  const { t, i18n } = useTranslation();
  const metrics = useClassificationMetrics(evaluation);
  const [mode, setMode] = useState<Mode>('counts');
  const { classNames } = evaluation;
  const k = classNames.length;
  const { counts } = metrics.confusion;
  const maxCount = useMemo(() => counts.reduce((m, v) => Math.max(m, v), 0), [counts]);
  const lang = i18n.language;
  // Names longer than a cell is wide ("T-shirt/top", "automobile") stand upright over their column.
  const longNames = classNames.some((n) => n.length > 4);

  const cell = (tr: number, pr: number) => {
    const count = counts[tr * k + pr];
    const row = metrics.confusionRows[tr];
    const share = row ? row[pr] : null;
    const value = mode === 'counts' ? (maxCount > 0 ? count / maxCount : 0) : (share ?? 0);
    const names = { actual: classNames[tr], predicted: classNames[pr] };
    const label =
      mode === 'counts' || share === null
        ? t('resultsViews.confusion.cellCount', { ...names, count })
        : t('resultsViews.confusion.cellShare', { ...names, share: cellShareText(share), count });
    const isSelected = selected?.trueClass === tr && selected?.predictedClass === pr;
    return (
      <td key={pr} className={tr === pr ? 'diagonal' : undefined}>
        <button
          type="button"
          className={`confusion-cell${isSelected ? ' selected' : ''}`}
          data-testid="confusion-cell"
          data-true={tr}
          data-predicted={pr}
          data-count={count}
          aria-pressed={isSelected}
          disabled={count === 0}
          title={label}
          aria-label={label}
          style={{ background: scaleColour(value), color: scaleTextColour(value) }}
          onClick={() => onCell(tr, pr)}
        >
          {mode === 'counts' ? countText(count, lang) : share === null ? '—' : cellShareText(share)}
        </button>
      </td>
    );
  };

  const legendMax = mode === 'counts' ? countText(maxCount, lang) : '100%';
  const legendMid = mode === 'counts' ? countText(Math.round(maxCount / 2), lang) : '50%';
  return (
    <section className="results-view" data-testid="confusion-matrix" data-mode={mode}>
      <div className="row spread">
        <h3>{t('resultsViews.confusion.title')}</h3>
        <div className="segmented" role="group" aria-label={t('resultsViews.confusion.view')}>
          {(['counts', 'normalised'] as const).map((m) => (
            <button key={m} type="button" data-testid={`confusion-${m}`} aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(`resultsViews.confusion.${m}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="muted">{mode === 'counts' ? t('resultsViews.confusion.hint') : t('resultsViews.confusion.normalisedHint')}</p>
      <div className="confusion-scroll">
        <table className="confusion">
          <thead>
            <tr>
              {/* Both axis names are horizontal: a rotated label reads upside down in Chinese. */}
              <th rowSpan={2} className="axis-name corner">
                {t('resultsViews.confusion.trueAxis')} ↓
              </th>
              <th colSpan={k} className="axis-name">
                {t('resultsViews.confusion.predictedAxis')} →
              </th>
            </tr>
            <tr className={longNames ? 'long-names' : undefined}>
              {classNames.map((name, c) => (
                <th key={c} scope="col" className="column-name" title={name}>
                  <span>{name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {classNames.map((name, tr) => (
              <tr key={tr} data-empty={metrics.confusionRows[tr] === null || undefined}>
                <th scope="row" className="row-name" title={metrics.confusionRows[tr] === null ? t('resultsViews.confusion.emptyRow') : name}>
                  {name}
                </th>
                {classNames.map((_, pr) => cell(tr, pr))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="scale-legend" data-testid="confusion-legend">
        <span className="muted">{t('resultsViews.confusion.legend')}</span>
        <div className="scale-bar-wrap">
          <div className="scale-bar" style={{ background: SCALE_GRADIENT }} />
          <div className="scale-ticks">
            <span>0</span>
            <span>{legendMid}</span>
            <span>{legendMax}</span>
          </div>
        </div>
      </div>
    </section>
  );
});
