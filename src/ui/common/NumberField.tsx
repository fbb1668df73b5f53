import { useEffect, useId, useState } from 'react';
import { formatNumber, parseNumber, sameNumber, stepNumber } from './numberText';

interface Props {
  label: string;
  value: number;
  /** Called on every edit with the number the whole text spells, or NaN while it spells none. */
  onChange: (value: number) => void;
  /** What the arrow keys add or take away. */
  step?: number;
  min?: number;
  disabled?: boolean;
  /** What is wrong with the value, shown under the field and linked to it for screen readers. */
  error?: string | null;
  /** The id of an element elsewhere that already shows `error` (a layer's issue list): linked, not repeated. */
  errorId?: string;
  testId?: string;
  /** data-testid of the message; `${testId}-error` unless given. */
  errorTestId?: string;
  width?: number;
}

/**
 * A text field for a number. What the user typed is what is shown ("1e", "0.", "-" included): the store
 * gets the number only when the whole text spells one and NaN otherwise, so a half-typed value is never
 * trained on and never replaced. Only a value that changes elsewhere (a preset, a duplicated run, the
 * large-batch button) replaces the text.
 */
export function NumberField({ label, value, onChange, step = 1, min, disabled, error, errorId, testId, errorTestId, width = 5 }: Props) {
  const id = useId();
  const messageId = errorId ?? `${id}-message`;
  const [text, setText] = useState(() => formatNumber(value));
  useEffect(() => {
    // Every edit reports parseNumber(text), so while the user types the two agree and the text stays.
    setText((current) => (sameNumber(parseNumber(current), value) ? current : formatNumber(value)));
  }, [value]);
  const edit = (next: string) => {
    setText(next);
    onChange(parseNumber(next));
  };
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        disabled={disabled}
        style={{ width: `${width + 2}ch` }}
        data-testid={testId}
        aria-invalid={!!error}
        aria-describedby={error ? messageId : undefined}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={(e) => {
          // The arrow keys of a number input, kept for keyboard users.
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          const current = parseNumber(text);
          if (!Number.isFinite(current)) return;
          e.preventDefault();
          const next = stepNumber(current, e.key === 'ArrowUp' ? step : -step);
          edit(formatNumber(min !== undefined ? Math.max(min, next) : next));
        }}
      />
      {error && !errorId ? (
        <span id={messageId} className="field-message" data-testid={errorTestId ?? (testId ? `${testId}-error` : undefined)}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
