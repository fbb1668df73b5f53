import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../actions';
import { AUGMENT_OPS, isFlip, MAGNITUDES, type AugmentOp } from '../../engine/augment/spec';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { useAccess } from '../common/useAccess';
import { SampleGrid } from '../dataset/SampleGrid';
import { magnitudeText, percentText } from './augmentText';

const PREVIEW_SCALE = 2;

function OpRow({ op, disabled }: { op: AugmentOp; disabled: boolean }) {
  const { t } = useTranslation();
  const settings = useApp((s) => s.augmentation[op]);
  const set = (patch: { enabled?: boolean; probability?: number; magnitude?: number }) => actions.setAugmentOp.perform({ op, ...patch });
  const range = isFlip(op) ? null : MAGNITUDES[op];
  return (
    <div className={`augment-op${settings.enabled ? '' : ' augment-op-off'}`} data-testid={`augment-${op}`}>
      <label className="checkbox augment-name">
        <input type="checkbox" data-testid={`augment-${op}-enabled`} checked={settings.enabled} disabled={disabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>{t(`augment.op.${op}`)}</span>
      </label>
      <label className="field inline">
        <span>{t('augment.probability')}</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={settings.probability}
          disabled={disabled || !settings.enabled}
          data-testid={`augment-${op}-probability`}
          aria-label={`${t(`augment.op.${op}`)}: ${t('augment.probability')}`}
          onChange={(e) => set({ probability: Number(e.target.value) })}
        />
        <output>{percentText(settings.probability)}</output>
      </label>
      {range && 'magnitude' in settings ? (
        <label className="field inline">
          <span>{t('augment.magnitude')}</span>
          <input
            type="range"
            min={range.min}
            max={range.max}
            step={range.step}
            value={settings.magnitude}
            disabled={disabled || !settings.enabled}
            data-testid={`augment-${op}-magnitude`}
            aria-label={`${t(`augment.op.${op}`)}: ${t('augment.magnitude')}`}
            onChange={(e) => set({ magnitude: Number(e.target.value) })}
          />
          <output>{magnitudeText(op, settings.magnitude)}</output>
        </label>
      ) : (
        <span />
      )}
      <p className="muted augment-help">{t(`augment.help.${op}`)}</p>
    </div>
  );
}

/** Augmentation settings of the next run, with a live preview of what they do to training images. */
export function AugmentationPanel() {
  const { t } = useTranslation();
  const s = useApp(
    useShallow((a) => ({
      enabled: a.augmentation.enabled,
      preview: a.augmentationPreview,
      error: a.augmentationPreviewError,
      dataset: a.dataset,
      datasetId: a.datasetId,
    })),
  );
  const access = useAccess('augmentation');
  const training = useTransitionApp(isTraining) || access.locked;
  if (access.hidden) return null;
  return (
    <section className="panel" data-testid="augmentation-panel">
      <h2>{t('augment.title')}</h2>
      <p className="muted">{t('augment.intro')}</p>
      <label className="checkbox augment-master">
        <input type="checkbox" data-testid="augment-enabled" checked={s.enabled} disabled={training} onChange={(e) => actions.setAugmentationEnabled.perform(e.target.checked)} />
        <span>{t('augment.enabled')}</span>
      </label>
      <p className="muted" data-testid="augment-advice">{t(`augment.advice.${s.datasetId}`)}</p>
      <div className="augment-ops">
        {AUGMENT_OPS.map((op) => (
          <OpRow key={op} op={op} disabled={training} />
        ))}
      </div>
      <h3>{t('augment.previewTitle')}</h3>
      {!s.enabled ? <p className="notice" data-testid="augment-off-note">{t('augment.offNote')}</p> : null}
      {s.error ? <p className="error">{s.error}</p> : null}
      {s.preview && s.dataset ? (
        <div className="augment-preview">
          <p className="muted augment-caption">{t('augment.caption', { count: s.preview.ways })}</p>
          <SampleGrid images={s.preview.images} shape={s.dataset.imageShape} columns={s.preview.ways + 1} scale={PREVIEW_SCALE} firstColumnGap={4} testId="augmentation-preview" />
        </div>
      ) : null}
    </section>
  );
}
