import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SampleGrid } from '../dataset/SampleGrid';
import { TopClassBars } from './TopClassBars';

interface MistakeCardProps {
  /** The image's position in the evaluation. */
  position: number;
  testIndex: number;
  trueClass: number;
  predictedClass: number;
  classNames: string[];
  probabilities: Float32Array;
  /** Its pixels (H×W×C uint8), or null while they load. Must be the same array on every render, so the canvas draws once. */
  image: Uint8Array | null;
  imageShape: [number, number, number];
}

/** One misclassified image: the picture, "true → predicted" and its three most probable classes. */
export const MistakeCard = memo(function MistakeCard(props: MistakeCardProps) {
  const { position, testIndex, trueClass, predictedClass, classNames, probabilities, image, imageShape } = props;
  const { t } = useTranslation();
  return (
    <figure className="mistake" data-testid="mistake" data-true={trueClass} data-predicted={predictedClass} data-test-index={testIndex}>
      {image ? (
        <SampleGrid images={image} shape={imageShape} columns={1} scale={2} />
      ) : (
        <div className="image-placeholder" style={{ width: (imageShape[1] + 1) * 2, height: (imageShape[0] + 1) * 2 }} title={t('resultsViews.mistakes.loading')} />
      )}
      <figcaption>{t('resultsViews.mistakes.caption', { actual: classNames[trueClass], predicted: classNames[predictedClass] })}</figcaption>
      <TopClassBars probabilities={probabilities} classes={classNames.length} position={position} classNames={classNames} trueClass={trueClass} count={3} />
    </figure>
  );
});
