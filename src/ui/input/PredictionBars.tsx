import { useTranslation } from 'react-i18next';

export interface PredictionBarsProps {
  classNames: string[];
  /** One probability per class (summing to 1), or null before there is anything to predict. */
  probabilities: Float32Array | null;
}

/** Index of the largest value (the first of equals), or -1 for none. */
export function topIndex(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i;
  return best;
}

/** One horizontal bar per class with its percentage; the top class stands out. */
export function PredictionBars({ classNames, probabilities }: PredictionBarsProps) {
  const { t } = useTranslation();
  const top = probabilities ? topIndex(probabilities) : -1;
  return (
    <div className="prediction-bars" data-testid="prediction-bars" data-top-class={top >= 0 ? classNames[top] : undefined}>
      <ol aria-label={t('drawPad.probabilities')}>
        {classNames.map((name, i) => {
          const p = probabilities ? probabilities[i] : 0;
          const percent = probabilities ? `${(p * 100).toFixed(1)}%` : '–';
          return (
            <li key={i} className={i === top ? 'top' : undefined} data-testid={i === top ? 'prediction-top' : undefined} aria-current={i === top ? 'true' : undefined}>
              <span className="prediction-name" title={name}>{name}</span>
              <span className="prediction-track" aria-hidden="true">
                <span className="prediction-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
              </span>
              <span className="prediction-percent">{percent}</span>
            </li>
          );
        })}
      </ol>
      {probabilities ? null : <p className="muted">{t('drawPad.noInput')}</p>}
    </div>
  );
}
