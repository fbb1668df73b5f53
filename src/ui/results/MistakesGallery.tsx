import { memo, startTransition, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelEvaluation } from '../../engine/models/types';
import { countText, percentText } from './format';
import { MistakeCard } from './MistakeCard';
import { useClassificationMetrics, useMistakes } from './useEvaluationMetrics';
import './results.css';

export interface MistakesGalleryProps {
  evaluation: ModelEvaluation;
  imageShape: [number, number, number];
  /** The pixels of these test-split images, count × H×W×C uint8 in the same order. */
  loadImages(testIndices: Int32Array): Promise<Uint8Array>;
}

// Cards per page: a page of images is one small load from the worker and a few dozen canvases.
const PAGE = 32;

interface Loaded {
  evaluation: ModelEvaluation;
  /** Positions (in the evaluation) of the images loaded, in order. */
  positions: Int32Array;
  images: Uint8Array;
}

/**
 * The misclassified test images, most confident mistakes first, each with its three most probable classes;
 * filtered by true and by predicted class. Images are loaded a page at a time; a card keeps its image
 * while the next page loads (the loaded list is a prefix of the shown one). `loadImages` may be a new
 * function on every render: the latest is used, and a new one alone loads nothing.
 */
export const MistakesGallery = memo(function MistakesGallery({ evaluation, imageShape, loadImages }: MistakesGalleryProps) {
  const { t, i18n } = useTranslation();
  const { predicted, images: total } = useClassificationMetrics(evaluation);
  const mistakes = useMistakes(evaluation);
  const { classNames, labels, probabilities } = evaluation;
  const k = classNames.length;
  const [trueFilter, setTrueFilter] = useState<number | null>(null);
  const [predictedFilter, setPredictedFilter] = useState<number | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const filtered = useMemo(
    () =>
      trueFilter === null && predictedFilter === null
        ? mistakes
        : mistakes.filter((i) => (trueFilter === null || labels[i] === trueFilter) && (predictedFilter === null || predicted[i] === predictedFilter)),
    [mistakes, labels, predicted, trueFilter, predictedFilter],
  );
  // How many mistakes each filter option leads to (given the other filter), for the option labels.
  const optionCounts = useMemo(() => {
    const byTrue = new Array<number>(k).fill(0);
    const byPredicted = new Array<number>(k).fill(0);
    for (const i of mistakes) {
      if (predictedFilter === null || predicted[i] === predictedFilter) byTrue[labels[i]]++;
      if (trueFilter === null || labels[i] === trueFilter) byPredicted[predicted[i]]++;
    }
    return { byTrue, byPredicted };
  }, [mistakes, labels, predicted, trueFilter, predictedFilter, k]);
  const visible = useMemo(() => filtered.subarray(0, shown), [filtered, shown]);
  const load = useRef(loadImages);
  load.current = loadImages;

  useEffect(() => {
    if (visible.length === 0) return;
    let current = true;
    setError(null);
    const testIndices = Int32Array.from(visible, (i) => evaluation.testIndices[i]);
    load.current(testIndices).then(
      (images) => {
        if (current) setLoaded({ evaluation, positions: visible, images });
      },
      (e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      current = false;
    };
  }, [visible, evaluation]);

  const size = imageShape[0] * imageShape[1] * imageShape[2];
  // Each loaded image's pixels as one subarray per load, so a card keeps the same array (and its canvas is
  // not drawn again) when more cards are shown or the filter changes.
  const loadedImages = useMemo(
    () => (loaded ? Array.from(loaded.positions, (_, j) => ((j + 1) * size <= loaded.images.length ? loaded.images.subarray(j * size, (j + 1) * size) : null)) : []),
    [loaded, size],
  );
  const images = useMemo(
    () =>
      Array.from(visible, (position, j) =>
        loaded && loaded.evaluation === evaluation && j < loaded.positions.length && loaded.positions[j] === position ? loadedImages[j] : null,
      ),
    [visible, loaded, loadedImages, evaluation],
  );
  const lang = i18n.language;
  const pick = (set: (v: number | null) => void) => (e: ChangeEvent<HTMLSelectElement>) => {
    const value = e.target.value === '' ? null : Number(e.target.value);
    // A transition: the new cards render in slices, not in one long task.
    startTransition(() => {
      set(value);
      setShown(PAGE);
    });
  };

  return (
    <section className="results-view" data-testid="mistakes-gallery">
      <h3>{t('resultsViews.mistakes.title')}</h3>
      {mistakes.length === 0 ? (
        <p className="muted">{t('resultsViews.mistakes.none')}</p>
      ) : (
        <>
          <p className="muted" data-testid="mistakes-summary">
            {t('resultsViews.mistakes.summary', {
              count: mistakes.length,
              total: countText(total, lang),
              share: percentText(mistakes.length / total),
            })}
          </p>
          <div className="row wrap">
            <label className="field inline">
              <span>{t('resultsViews.mistakes.trueClass')}</span>
              <select data-testid="mistakes-true-filter" value={trueFilter ?? ''} onChange={pick(setTrueFilter)}>
                <option value="">{t('resultsViews.mistakes.any')}</option>
                {classNames.map((name, c) => (
                  <option key={c} value={c}>
                    {name} ({optionCounts.byTrue[c]})
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline">
              <span>{t('resultsViews.mistakes.predictedClass')}</span>
              <select data-testid="mistakes-predicted-filter" value={predictedFilter ?? ''} onChange={pick(setPredictedFilter)}>
                <option value="">{t('resultsViews.mistakes.any')}</option>
                {classNames.map((name, c) => (
                  <option key={c} value={c}>
                    {name} ({optionCounts.byPredicted[c]})
                  </option>
                ))}
              </select>
            </label>
            <span className="muted" data-testid="mistakes-showing">
              {t('resultsViews.mistakes.showing', { shown: visible.length, count: filtered.length })}
            </span>
          </div>
          {error ? <p className="error">{t('resultsViews.mistakes.failed', { message: error })}</p> : null}
          {filtered.length === 0 ? (
            <p className="muted">{t('resultsViews.mistakes.noneFiltered')}</p>
          ) : (
            <div className="mistake-cards">
              {Array.from(visible, (position, j) => (
                <MistakeCard
                  key={position}
                  position={position}
                  testIndex={evaluation.testIndices[position]}
                  trueClass={labels[position]}
                  predictedClass={predicted[position]}
                  classNames={classNames}
                  probabilities={probabilities}
                  image={images[j]}
                  imageShape={imageShape}
                />
              ))}
            </div>
          )}
          {filtered.length > visible.length ? (
            <button type="button" data-testid="mistakes-more" onClick={() => startTransition(() => setShown((s) => s + PAGE))}>
              {t('resultsViews.mistakes.more')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
});
