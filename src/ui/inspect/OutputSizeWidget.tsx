import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './inspect.css';
import { NumberField } from '../common/NumberField';
import { outputSize, type WindowKind } from './outputSize';

/**
 * Try the output-size formula: n, k, s and p in, ⌊(n + 2p − k) / s⌋ + 1 out with the numbers filled in, or the
 * reason the setting has no output. Pooling windows use the same formula without padding.
 */
export function OutputSizeWidget() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<WindowKind>('conv');
  const [n, setN] = useState(28);
  const [k, setK] = useState(5);
  const [s, setS] = useState(1);
  const [p, setP] = useState(0);
  const result = outputSize({ n, k, s, p, kind });
  const problem = result.ok ? null : t(`inspect.outputSize.problem.${result.problem}`, { n, k, s, p });
  const errorOf = (field: 'n' | 'k' | 's' | 'p') => (!result.ok && result.field === field ? problem : null);
  const show = (v: number) => (Number.isFinite(v) ? String(v) : '?');
  const formula =
    kind === 'conv' ? `⌊(${show(n)} + 2·${show(p)} − ${show(k)}) / ${show(s)}⌋ + 1` : `⌊(${show(n)} − ${show(k)}) / ${show(s)}⌋ + 1`;
  return (
    <section className="inspect-view output-size" data-testid="output-size">
      <h3>{t('inspect.outputSize.title')}</h3>
      <p className="muted">{t('inspect.outputSize.about')}</p>
      <div className="segmented" role="group" aria-label={t('inspect.outputSize.kind')}>
        {(['conv', 'pool'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={kind === option} onClick={() => setKind(option)} data-testid={`output-size-${option}`}>
            {t(`inspect.outputSize.${option}`)}
          </button>
        ))}
      </div>
      <div className="output-size-fields">
        <NumberField label={t('inspect.outputSize.n')} value={n} onChange={setN} min={1} error={errorOf('n')} testId="output-size-n" />
        <NumberField label={t('inspect.outputSize.k')} value={k} onChange={setK} min={1} error={errorOf('k')} testId="output-size-k" />
        <NumberField label={t('inspect.outputSize.s')} value={s} onChange={setS} min={1} error={errorOf('s')} testId="output-size-s" />
        {kind === 'conv' && <NumberField label={t('inspect.outputSize.p')} value={p} onChange={setP} min={0} error={errorOf('p')} testId="output-size-p" />}
      </div>
      <p className="output-size-formula" data-testid="output-size-result" data-ok={result.ok} data-size={result.ok ? result.size : undefined}>
        {formula} = {result.ok ? <strong>{result.size}</strong> : '—'}
      </p>
      {result.ok && result.remainder > 0 && <p className="muted">{t('inspect.outputSize.remainder', { rows: result.remainder })}</p>}
    </section>
  );
}
