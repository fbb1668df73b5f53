import type { TFunction } from 'i18next';
import { listText } from '../common/listText';
import type { RunRow, Setting } from './runRows';

// The run table's settings cell: each setting under its label in the UI's language, in one list.

/** Labels of the config fields that are not their own column, where the field's name is not its label's key. */
const OTHER_LABELS: Record<string, string> = {
  earlyStoppingPatience: 'training.patience',
  restoreBestWeights: 'training.restoreBest',
};

/** "Adam: learning rate 0.003, β₁ 0.9, …, cosine decay, L2 weight decay 0.03" in `language`. */
export function settingsText(t: TFunction, row: RunRow, language: string): string {
  const say = (list: Setting[], group: string) => list.map((s) => `${t(`${group}.${s.key}`, { defaultValue: s.key })} ${s.value}`);
  const schedule = row.optimizerSettings.some((s) => s.key === 'learningRate')
    ? [[t(`schedule.${row.schedule}`), ...say(row.scheduleSettings.filter((s) => s.value !== 0), 'schedule')].join(' ')]
    : [];
  const patience = row.otherSettings.find((s) => s.key === 'earlyStoppingPatience')?.value ?? 0;
  const other = row.otherSettings
    // Keeping the best epoch only matters with early stopping on; off or on by default, it is noise.
    .filter((s) => s.value !== 0 && s.value !== false && !(s.key === 'restoreBestWeights' && patience === 0))
    .map((s) => {
      const label = t(OTHER_LABELS[s.key] ?? `training.${s.key}`, { defaultValue: s.key });
      return s.value === true ? label : `${label} ${s.value}`;
    });
  return listText([...say(row.optimizerSettings, 'hyper'), ...schedule, ...other], language);
}
