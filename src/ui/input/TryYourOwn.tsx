import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MNIST_FRAMING, type Framing } from '../../engine/input/digitFraming';
import { DrawPad } from './DrawPad';
import { ImageUpload } from './ImageUpload';
import { LatestOnly, type Answer } from './latestOnly';
import { PredictionBars } from './PredictionBars';
import './tryYourOwn.css';

export interface TryYourOwnProps {
  /** The model's input shape [H, W, C]; the draw pad is offered for 28×28×1 only. */
  imageShape: [number, number, number];
  classNames: string[];
  /** The kept model's class probabilities (softmax, one per class) for one H×W×C input in [0, 1]; it may transfer the array. */
  predict(pixels: Float32Array): Promise<Float32Array>;
  /** How drawings and grey photos are framed: MNIST's by default; FASHION_MNIST_FRAMING for Fashion-MNIST. */
  framing?: Framing;
}

type Source = 'drawing' | 'upload';

/**
 * The student's own input for a trained model: a draw pad (28×28 grey datasets) and an image upload (any
 * dataset), each new input predicted and shown as bars. Mount it with a key per model (e.g. the run id) to
 * start afresh when the model changes.
 */
export function TryYourOwn({ imageShape, classNames, predict, framing = MNIST_FRAMING }: TryYourOwnProps) {
  const { t } = useTranslation();
  const [probabilities, setProbabilities] = useState<Float32Array | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  // The newest predict, read per request, so a parent passing a new function each render re-creates nothing.
  const predictRef = useRef(predict);
  useEffect(() => {
    predictRef.current = predict;
  });
  const queue = useMemo(
    () =>
      new LatestOnly<Float32Array, Float32Array>(
        // A copy: the engine may transfer the array to the worker, and the previews still draw the original.
        (pixels) => predictRef.current(pixels.slice()),
        (answer: Answer<Float32Array>) => {
          if (answer.ok) {
            setProbabilities(answer.value);
            setFailure(null);
          } else {
            setFailure(answer.error instanceof Error ? answer.error.message : String(answer.error));
          }
        },
      ),
    [],
  );
  useEffect(() => () => queue.reset(), [queue]); // unmounted: answers still on their way are dropped

  const [h, w, c] = imageShape;
  const canDraw = h === 28 && w === 28 && c === 1;
  const shapeKey = imageShape.join('×');
  useEffect(() => {
    queue.reset();
    setProbabilities(null);
    setSource(null);
  }, [queue, shapeKey]);

  const inputFrom = (from: Source) => (pixels: Float32Array) => {
    if (from !== source) setSource(from);
    queue.submit(pixels);
  };
  const clearFrom = (from: Source) => () => {
    if (source !== from) return; // the other input's prediction is still the one shown
    queue.reset();
    setProbabilities(null);
    setFailure(null);
    setSource(null);
  };

  return (
    <div className="try-your-own" data-testid="try-your-own">
      <h3>{t('drawPad.title')}</h3>
      <div className="try-your-own-row">
        {canDraw ? (
          <section className="try-your-own-input">
            <h4>{t('drawPad.draw')}</h4>
            <DrawPad onInput={inputFrom('drawing')} onClear={clearFrom('drawing')} framing={framing} />
          </section>
        ) : null}
        <section className="try-your-own-input">
          <h4>{t('drawPad.upload')}</h4>
          <ImageUpload imageShape={imageShape} onInput={inputFrom('upload')} onClear={clearFrom('upload')} framing={framing} />
        </section>
        <section className="try-your-own-result">
          <h4>{source ? t(source === 'drawing' ? 'drawPad.forDrawing' : 'drawPad.forUpload') : t('drawPad.probabilities')}</h4>
          <PredictionBars classNames={classNames} probabilities={probabilities} />
          {failure ? <p className="error" role="alert">{t('drawPad.predictFailed', { message: failure })}</p> : null}
        </section>
      </div>
    </div>
  );
}
