import type { TFunction } from 'i18next';
import i18n from '../../i18n';
import { listText } from '../common/listText';
import { activeOps, type AugmentationSpec, type AugmentOp } from '../../engine/augment/spec';

// How augmentation settings read in the UI: the panel's value labels and the run table's column.

/** An op's magnitude with its unit: ±15°, ±2 px, ±10 %, σ 0.05, … */
export function magnitudeText(op: AugmentOp, m: number): string {
  switch (op) {
    case 'rotation':
      return `±${m}°`;
    case 'translation':
      return `±${m} px`;
    case 'scale':
    case 'contrast':
      return `±${Math.round(m * 100)}%`;
    case 'brightness':
      return `±${m.toFixed(2)}`;
    case 'noise':
      return `σ ${m.toFixed(2)}`;
    case 'cutout':
      return `${Math.round(m * 100)}%`;
    default:
      return '';
  }
}

export const percentText = (p: number) => `${Math.round(p * 100)}%`;

/** "Rotation ±15° (50%), Horizontal flip (50%)", or "off". */
export function augmentationText(t: TFunction, spec: AugmentationSpec): string {
  const ops = activeOps(spec);
  if (ops.length === 0) return t('augment.summaryOff');
  const items = ops.map((op) => {
      const s = spec[op];
      const size = 'magnitude' in s ? ` ${magnitudeText(op, s.magnitude)}` : '';
      return `${t(`augment.op.${op}`)}${size} (${percentText(s.probability)})`;
    });
  return listText(items, i18n.language);
}
