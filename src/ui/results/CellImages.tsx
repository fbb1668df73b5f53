import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SampleGrid } from '../dataset/SampleGrid';
import './results.css';

export interface CellImagesProps {
  /** The class names of the cell's row and column. */
  trueName: string;
  predictedName: string;
  /** Where each of the cell's images is in the dataset's test split, in the order of `images`. */
  testIndices: Int32Array;
  /** The images, count × H×W×C uint8 in the order of testIndices; null while they load. */
  images: Uint8Array | null;
  imageShape: [number, number, number];
  /** Why the images could not be loaded, if they could not. */
  error?: string | null;
  onClose?(): void;
}

// A diagonal cell of the full MNIST test split holds about 1,000 images: a canvas each would be one long
// task, so the strip draws a page at a time.
const PAGE = 100;

/** The images behind one confusion-matrix cell, one canvas each (drawn as the dataset panel's samples). */
export function CellImages({ trueName, predictedName, testIndices, images, imageShape, error, onClose }: CellImagesProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE);
  const count = testIndices.length;
  const size = imageShape[0] * imageShape[1] * imageShape[2];
  // Stable subarrays, so each canvas draws once, not on every render.
  const each = useMemo(
    () => (images ? Array.from({ length: Math.min(shown, count, Math.floor(images.length / size)) }, (_, i) => images.subarray(i * size, (i + 1) * size)) : []),
    [images, shown, count, size],
  );
  return (
    <div className="cell-images" data-testid="cell-images" data-count={count}>
      <div className="row spread">
        <strong data-testid="cell-images-caption">
          {t('resultsViews.cell.caption', { actual: trueName, predicted: predictedName, count })}
          {images && count > shown ? <span className="muted"> · {t('resultsViews.cell.showing', { shown })}</span> : null}
        </strong>
        {onClose ? (
          <button type="button" data-testid="cell-images-close" onClick={onClose}>
            {t('resultsViews.cell.close')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error">{t('resultsViews.cell.failed', { message: error })}</p>
      ) : !images ? (
        <p className="muted">{t('resultsViews.cell.loading')}</p>
      ) : (
        <div className="image-strip">
          {each.map((pixels, i) => (
            <figure key={testIndices[i]} data-testid="cell-image" data-test-index={testIndices[i]} title={t('resultsViews.cell.testIndex', { index: testIndices[i] })}>
              <SampleGrid images={pixels} shape={imageShape} columns={1} scale={2} />
            </figure>
          ))}
        </div>
      )}
      {images && count > shown ? (
        <button type="button" data-testid="cell-images-more" onClick={() => setShown((s) => s + PAGE)}>
          {t('resultsViews.cell.more')}
        </button>
      ) : null}
    </div>
  );
}
