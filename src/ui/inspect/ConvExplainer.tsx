import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import './inspect.css';
import type { ConvExplanation } from '../../engine/inspect/types';
import { divergingCss } from './colours';
import { formatValue } from './format';

interface ConvExplainerProps {
  explanation: ConvExplanation | null;
}

/** Input channels written out as grids; the sum always covers all of them. */
export const MAX_EXPLAINED_CHANNELS = 8;

/** Tolerance for "the explained number is the feature map's": float32 sums in another order differ slightly. */
export function valuesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * How one number of a conv layer's feature map comes about: the input window, the kernel, their element-wise
 * products per input channel, the sum, the bias, the activation, and the feature map's own value beside it.
 */
export const ConvExplainer = memo(function ConvExplainer({ explanation: e }: ConvExplainerProps) {
  const { t } = useTranslation();
  if (!e) {
    return (
      <section className="inspect-view" data-testid="conv-explainer">
        <h3>{t('inspect.explainer.title')}</h3>
        <p className="muted">{t('inspect.explainer.about')}</p>
        <p className="muted">{t('inspect.explainer.empty')}</p>
      </section>
    );
  }
  const [kh, kw, cin] = e.windowShape;
  const shown = Math.min(cin, MAX_EXPLAINED_CHANNELS);
  const agree = valuesAgree(e.output, e.featureMapValue);
  return (
    <section className="inspect-view" data-testid="conv-explainer" data-layer={e.layer} data-channel={e.channel} data-y={e.y} data-x={e.x}>
      <h3>{t('inspect.explainer.title')}</h3>
      <p className="muted">{t('inspect.explainer.about')}</p>
      <p>{t('inspect.explainer.position', { layer: e.layer + 1, channel: e.channel + 1, y: e.y, x: e.x })}</p>
      {Array.from({ length: shown }, (_, c) => (
        <div className="explainer-channel" key={c} data-testid="explainer-channel">
          <span className="muted">{t('inspect.explainer.inputChannel', { channel: c + 1 })}</span>
          <div className="explainer-grids">
            <NumberGrid title={t('inspect.explainer.patch')} values={e.patch} kh={kh} kw={kw} cin={cin} channel={c} testId="explainer-patch" />
            <span className="explainer-op">×</span>
            <NumberGrid title={t('inspect.explainer.kernel')} values={e.kernel} kh={kh} kw={kw} cin={cin} channel={c} testId="explainer-kernel" />
            <span className="explainer-op">=</span>
            <NumberGrid title={t('inspect.explainer.products')} values={e.products} kh={kh} kw={kw} cin={cin} channel={c} testId="explainer-products" />
          </div>
        </div>
      ))}
      {cin > shown && <p className="muted">{t('inspect.explainer.hiddenChannels', { shown, total: cin })}</p>}
      <table className="explainer-steps">
        <tbody>
          <Step label={t('inspect.explainer.sum', { terms: kh * kw * cin })} value={e.sum} testId="explainer-sum" />
          <Step label={t('inspect.explainer.bias')} value={e.bias} testId="explainer-bias" />
          <Step label={t('inspect.explainer.preActivation')} value={e.preActivation} testId="explainer-pre" />
          <Step label={t('inspect.explainer.output', { activation: e.activation })} value={e.output} testId="explainer-output" />
          <Step label={t('inspect.explainer.featureMap')} value={e.featureMapValue} testId="explainer-feature-map" />
        </tbody>
      </table>
      <p className={agree ? 'explainer-agree' : 'error'} data-testid="explainer-agreement" data-agree={agree}>
        {agree ? t('inspect.explainer.agree') : t('inspect.explainer.differ', { difference: formatValue(e.output - e.featureMapValue) })}
      </p>
    </section>
  );
});

function Step({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={testId} data-value={value} title={String(value)}>
        {formatValue(value)}
      </td>
    </tr>
  );
}

interface NumberGridProps {
  title: string;
  /** [kh, kw, cin] row-major, channels last. */
  values: Float32Array;
  kh: number;
  kw: number;
  cin: number;
  channel: number;
  testId: string;
}

/** A kh × kw grid of one channel's numbers, tinted on the diverging scale of the grid's own largest magnitude. */
function NumberGrid({ title, values, kh, kw, cin, channel, testId }: NumberGridProps) {
  const at = (y: number, x: number) => values[(y * kw + x) * cin + channel];
  let maxAbs = 0;
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) maxAbs = Math.max(maxAbs, Math.abs(at(y, x)));
  return (
    <table className="number-grid" data-testid={testId} aria-label={title}>
      <caption>{title}</caption>
      <tbody>
        {Array.from({ length: kh }, (_, y) => (
          <tr key={y}>
            {Array.from({ length: kw }, (_, x) => (
              <td key={x} style={{ background: divergingCss(at(y, x), maxAbs) }} title={String(at(y, x))}>
                {formatValue(at(y, x))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
