import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import '../results/results.css';
import './inspect.css';
import type { Inspection, LayerActivation } from '../../engine/inspect/types';
import { SEQUENTIAL_GRADIENT } from './colours';
import { paintBars, paintChannel, paintInput, BAR_HEIGHT } from './featureMapPaint';
import { percentText } from '../results/format';
import { shapeText } from './format';
import { PixelCanvas } from './PixelCanvas';
import { ScaleLegend } from './ScaleLegend';

interface FeatureMapsProps {
  inspection: Inspection;
  classNames: string[];
  selected: number | null;
  onSelect(layer: number): void;
  onPick?(layer: number, channel: number, y: number, x: number): void;
}

/** Channels drawn per layer; more would make a wide layer's grid a wall of noise and cost render time. */
export const MAX_CHANNELS = 64;
/** Units drawn of a flat layer (one canvas column each). */
export const MAX_UNITS = 1024;

/** Every layer's output for one image: channels as small canvases on one colour scale per layer, flat layers as bars. */
export const FeatureMaps = memo(function FeatureMaps({ inspection, classNames, selected, onSelect, onPick }: FeatureMapsProps) {
  const { t } = useTranslation();
  const { input } = inspection;
  const paintIn = useMemo(() => paintInput(input.values, input.shape), [input]);
  return (
    <section className="inspect-view" data-testid="feature-maps">
      <h3>{t('inspect.featureMaps.title')}</h3>
      <p className="muted">{t('inspect.featureMaps.about')}</p>
      <div className="fm-layer" data-testid="fm-input">
        <div className="fm-head">
          <strong>{t('inspect.diagram.input')}</strong> <span className="muted">{shapeText(input.shape)}</span>
        </div>
        <PixelCanvas width={input.shape[1]} height={input.shape[0]} paint={paintIn} scale={3} testId="fm-input-canvas" />
      </div>
      {inspection.layers.map((a) => (
        <LayerMaps key={a.layer} activation={a} selected={a.layer === selected} onSelect={onSelect} onPick={onPick} />
      ))}
      <div className="fm-layer" data-testid="fm-output">
        <div className="fm-head">
          <strong>{t('inspect.featureMaps.probabilities')}</strong>
        </div>
        <ProbabilityBars probabilities={inspection.probabilities} classNames={classNames} />
      </div>
    </section>
  );
});

interface LayerMapsProps {
  activation: LayerActivation;
  selected: boolean;
  onSelect(layer: number): void;
  onPick?(layer: number, channel: number, y: number, x: number): void;
}

const LayerMaps = memo(function LayerMaps({ activation: a, selected, onSelect, onPick }: LayerMapsProps) {
  const { t } = useTranslation();
  const spatial = a.shape.length === 3;
  const channels = spatial ? a.shape[2] : 0;
  const shown = Math.min(channels, MAX_CHANNELS);
  // Scale so a map is about 56 CSS pixels whatever its size: 28×28 at 2×, 5×5 at 11×.
  const scale = spatial ? Math.max(2, Math.floor(56 / Math.max(a.shape[0], a.shape[1]))) : 1;
  const paints = useMemo(
    () => (spatial ? Array.from({ length: shown }, (_, c) => paintChannel(a.values, a.shape, c, a.min, a.max)) : []),
    [a, spatial, shown],
  );
  const units = spatial ? 0 : Math.min(a.values.length, MAX_UNITS);
  const bars = useMemo(() => (spatial ? null : paintBars(a.values, units, a.min, a.max)), [a, spatial, units]);
  const pickable = onPick && a.type === 'conv2d';
  return (
    <div className={`fm-layer${selected ? ' selected' : ''}`} data-testid="fm-layer" data-layer={a.layer} data-channels={shown}>
      <div className="fm-head">
        <button type="button" className="link-button" aria-pressed={selected} onClick={() => onSelect(a.layer)}>
          {t('inspect.featureMaps.layer', { index: a.layer + 1, type: t(`layer.${a.type}`, { defaultValue: a.type }) })}
        </button>{' '}
        <span className="muted">{shapeText(a.shape)}</span>
        <ScaleLegend gradient={SEQUENTIAL_GRADIENT} min={a.min} max={a.max} testId="fm-legend" />
      </div>
      {spatial ? (
        <div className="fm-grid">
          {paints.map((paint, c) => (
            <PixelCanvas
              key={c}
              width={a.shape[1]}
              height={a.shape[0]}
              paint={paint}
              scale={scale}
              title={t('inspect.featureMaps.channel', { channel: c + 1 })}
              testId="fm-channel"
              onPick={pickable ? (y, x) => onPick(a.layer, c, y, x) : undefined}
            />
          ))}
        </div>
      ) : (
        bars && <PixelCanvas width={units} height={BAR_HEIGHT} paint={bars} scale={Math.max(1, Math.floor(480 / units))} scaleY={2} testId="fm-bars" />
      )}
      {channels > shown && <p className="muted">{t('inspect.featureMaps.hiddenChannels', { shown, hidden: channels - shown })}</p>}
      {!spatial && a.values.length > units && <p className="muted">{t('inspect.featureMaps.hiddenUnits', { shown: units, hidden: a.values.length - units })}</p>}
      {pickable && <p className="muted fm-hint">{t('inspect.featureMaps.pickHint')}</p>}
    </div>
  );
});

function ProbabilityBars({ probabilities, classNames }: { probabilities: Float32Array; classNames: string[] }) {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
  return (
    <div className="class-bars fm-probabilities">
      {Array.from(probabilities, (p, i) => (
        <div key={i} className={`class-bar${i === best ? ' true-class' : ''}`} data-testid="fm-probability" data-class={i} data-probability={p}>
          <span className="class-bar-name" title={classNames[i]}>
            {classNames[i] ?? i}
          </span>
          <span className="class-bar-track">
            <span className="class-bar-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="class-bar-value">{percentText(p, 1)}</span>
        </div>
      ))}
    </div>
  );
}
