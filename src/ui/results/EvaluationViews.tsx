import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellPositions } from '../../engine/metrics/confusion';
import type { ModelEvaluation } from '../../engine/models/types';
import { CellImages } from './CellImages';
import { ConfusionMatrix } from './ConfusionMatrix';
import { countText } from './format';
import { MistakesGallery } from './MistakesGallery';
import { PerClassMetrics } from './PerClassMetrics';
import { RocCurves } from './RocCurves';
import { useClassificationMetrics } from './useEvaluationMetrics';
import './results.css';

export interface EvaluationViewsProps {
  evaluation: ModelEvaluation;
  imageShape: [number, number, number];
  /** The pixels of these test-split images, count × H×W×C uint8 in the same order. */
  loadImages(testIndices: Int32Array): Promise<Uint8Array>;
}

interface OpenCell {
  evaluation: ModelEvaluation;
  trueClass: number;
  predictedClass: number;
  testIndices: Int32Array;
  images: Uint8Array | null;
  error: string | null;
}

/** All views of one evaluation: the confusion matrix (a click opens a cell's images), the per-class table, the curves and the mistakes. */
export function EvaluationViews({ evaluation, imageShape, loadImages }: EvaluationViewsProps) {
  const { t } = useTranslation();
  // The views of a new evaluation (its figures come computed from the worker; a few hundred elements) render in
  // a background transition, sliced into short tasks however the parent renders this; until then the
  // previous evaluation stays (or, at first, a line saying it is being computed).
  const deferred = useDeferredValue<ModelEvaluation | null>(evaluation, null);
  if (deferred === null) return <p className="muted">{t('resultsViews.computing')}</p>;
  return <Views evaluation={deferred} imageShape={imageShape} loadImages={loadImages} />;
}

const Views = memo(function Views({ evaluation, imageShape, loadImages }: EvaluationViewsProps) {
  const { t, i18n } = useTranslation();
  const metrics = useClassificationMetrics(evaluation);
  const [cell, setCell] = useState<OpenCell | null>(null);
  // The latest request: a slow load of an earlier click must not replace the images of a later one.
  const request = useRef(0);
  // The latest loadImages, so a parent that passes a new function on each render re-renders nothing here.
  const load = useRef(loadImages);
  load.current = loadImages;

  const onCell = useCallback(
    (trueClass: number, predictedClass: number) => {
      const positions = cellPositions(evaluation.labels, metrics.predicted, trueClass, predictedClass);
      const testIndices = Int32Array.from(positions, (i) => evaluation.testIndices[i]);
      const id = ++request.current;
      setCell({ evaluation, trueClass, predictedClass, testIndices, images: null, error: null });
      const settle = (update: Partial<OpenCell>) => {
        if (request.current === id) setCell((c) => (c ? { ...c, ...update } : c));
      };
      load.current(testIndices).then(
        (images) => settle({ images }),
        (e: unknown) => settle({ error: e instanceof Error ? e.message : String(e) }),
      );
    },
    [evaluation, metrics],
  );
  const close = useCallback(() => {
    request.current++;
    setCell(null);
  }, []);

  // A cell opened on an earlier evaluation does not belong to this one.
  const open = cell && cell.evaluation === evaluation ? cell : null;
  // The same object while the same cell is open, so the matrix does not re-render when its images arrive.
  const openTrue = open?.trueClass ?? -1;
  const openPredicted = open?.predictedClass ?? -1;
  const selected = useMemo(() => (openTrue < 0 ? null : { trueClass: openTrue, predictedClass: openPredicted }), [openTrue, openPredicted]);

  if (evaluation.labels.length === 0) return <p className="muted">{t('resultsViews.empty')}</p>;
  const { classNames } = evaluation;
  return (
    <div className="evaluation-views" data-testid="evaluation-views">
      <p className="muted" data-testid="evaluation-summary">
        {t('resultsViews.summary', {
          count: evaluation.labels.length,
          split: t(`resultsViews.split.${evaluation.split}`),
          ms: countText(Math.round(evaluation.ms), i18n.language),
        })}
      </p>
      <ConfusionMatrix evaluation={evaluation} onCell={onCell} selected={selected} />
      {open ? (
        <CellImages
          key={`${open.trueClass}-${open.predictedClass}`}
          trueName={classNames[open.trueClass]}
          predictedName={classNames[open.predictedClass]}
          testIndices={open.testIndices}
          images={open.images}
          imageShape={imageShape}
          error={open.error}
          onClose={close}
        />
      ) : null}
      <PerClassMetrics evaluation={evaluation} />
      <RocCurves evaluation={evaluation} />
      <MistakesGallery evaluation={evaluation} imageShape={imageShape} loadImages={loadImages} />
    </div>
  );
});
