import { topClasses } from '../../engine/metrics/predictions';
import { percentText } from './format';

interface TopClassBarsProps {
  probabilities: Float32Array;
  classes: number;
  /** The image's position in the evaluation. */
  position: number;
  classNames: string[];
  trueClass: number;
  count: number;
}

/** An image's most probable classes as bars, the true class marked apart from the (wrong) prediction. */
export function TopClassBars({ probabilities, classes, position, classNames, trueClass, count }: TopClassBarsProps) {
  const top = topClasses(probabilities, classes, position, count);
  return (
    <div className="class-bars" data-testid="mistake-bars">
      {top.map(({ classIndex, probability }, rank) => (
        <div
          key={classIndex}
          className={`class-bar${classIndex === trueClass ? ' true-class' : rank === 0 ? ' wrong-class' : ''}`}
          data-class={classIndex}
          data-probability={probability}
        >
          <span className="class-bar-name" title={classNames[classIndex]}>
            {classNames[classIndex]}
          </span>
          <span className="class-bar-track">
            <span className="class-bar-fill" style={{ width: `${Math.max(0, Math.min(1, probability)) * 100}%` }} />
          </span>
          <span className="class-bar-value">{percentText(probability, 1)}</span>
        </div>
      ))}
    </div>
  );
}
