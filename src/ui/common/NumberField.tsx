import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  step?: number;
  min?: number;
  disabled?: boolean;
  error?: string | null;
  testId?: string;
  width?: number;
}

/**
 * Keeps what the user typed (even "0." or "") while reporting every parsable value,
 * so half-typed numbers never jump back under the cursor.
 */
export function NumberField({ label, value, onChange, step, min, disabled, error, testId, width = 5 }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    if (Number(text) !== value) setText(String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <label className={`field${error ? ' field-error' : ''}`}>
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        value={text}
        step={step}
        min={min}
        disabled={disabled}
        style={{ width: `${width + 2}ch` }}
        data-testid={testId}
        aria-invalid={!!error}
        title={error ?? undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === '' ? NaN : Number(e.target.value);
          onChange(n);
        }}
      />
    </label>
  );
}
