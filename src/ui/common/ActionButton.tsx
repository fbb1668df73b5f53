import { useTranslation } from 'react-i18next';
import { useApp } from '../../state/store';
import type { Action } from '../../actions/types';

interface Props<P> {
  action: Action<P>;
  payload?: P;
  label?: string;
  className?: string;
  testId?: string;
}

/** A button for an action: its label, shortcut hint and enabled state come from the registry. */
export function ActionButton<P>({ action, payload, label, className, testId }: Props<P>) {
  const { t } = useTranslation();
  const enabled = useApp((s) => (action.enabled ? action.enabled(s) : true));
  const visible = useApp((s) => (action.visible ? action.visible(s) : true));
  if (!visible) return null;
  const text = label ?? t(action.labelKey);
  return (
    <button
      type="button"
      className={className}
      disabled={!enabled}
      title={action.shortcut ? `${text} (${action.shortcut.label})` : text}
      aria-label={text}
      data-testid={testId ?? action.name}
      onClick={() => void action.perform(payload as P)}
    >
      {text}
    </button>
  );
}
