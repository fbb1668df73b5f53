import { useTranslation } from 'react-i18next';
import type { ModelAnalysis } from '../../engine/spec/analyze';
import { getPreset } from '../../engine/spec/presets';
import { actions } from '../../actions';
import { useApp } from '../../state/store';
import { ActionButton } from '../common/ActionButton';
import { formatCount, formatShape } from './format';

// The story of a classic architecture's preset: when and where it appeared, what it introduced, how it
// did on ImageNet at full size, and what this scaled-down version costs on the chosen dataset.

export function PresetCard({ presetId, analysis }: { presetId: string | null; analysis: ModelAnalysis }) {
  const { t, i18n } = useTranslation();
  const preset = presetId ? getPreset(presetId) : undefined;
  const optimizer = useApp((s) => s.optimizer);
  if (!preset?.story) return null;
  const { year, paper, authors, top5Error, learningRate } = preset.story;
  // Offered while Adam is set to another rate: the one the card names is what this version was measured to need.
  const offerRate = learningRate !== undefined && optimizer.type === 'adam' && optimizer.learningRate !== learningRate;
  return (
    <aside className="preset-card" data-testid="preset-card">
      <h3>{t(`preset.${preset.id}`)}</h3>
      <p className="muted">{t('presetCard.paper', { authors, year, paper })}</p>
      <p>{t('presetCard.introduced', { what: t(`presetCard.story.${preset.id}`) })}</p>
      <p>{t('presetCard.top5', { error: top5Error })}</p>
      <p data-testid="preset-card-cost">
        {t('presetCard.here', { shape: formatShape(analysis.inputShape), params: formatCount(analysis.totalParams, i18n.language), macs: formatCount(analysis.totalMacs, i18n.language) })}
      </p>
      {offerRate ? (
        <p data-testid="preset-card-rate">
          {t(`presetCard.rate.${preset.id}`, { rate: learningRate })}{' '}
          <ActionButton action={actions.setOptimizerParam} payload={{ key: 'learningRate', value: learningRate }} label={t('presetCard.useRate', { rate: learningRate })} testId="preset-card-use-rate" />
        </p>
      ) : null}
    </aside>
  );
}
