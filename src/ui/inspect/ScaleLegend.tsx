import { formatValue } from './format';

interface ScaleLegendProps {
  gradient: string;
  min: number;
  max: number;
  /** Shown under the middle of the bar (0 on the diverging scale). */
  middle?: number;
  testId?: string;
}

/** A colour bar with its end values, so a colour on the canvases reads as a number. */
export function ScaleLegend({ gradient, min, max, middle, testId }: ScaleLegendProps) {
  return (
    <div className="inspect-legend" data-testid={testId} data-min={min} data-max={max}>
      <div className="inspect-legend-bar" style={{ background: gradient }} />
      <div className="inspect-legend-ticks">
        <span>{formatValue(min)}</span>
        {middle !== undefined && <span>{formatValue(middle)}</span>}
        <span>{formatValue(max)}</span>
      </div>
    </div>
  );
}
