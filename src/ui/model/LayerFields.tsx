import { useTranslation } from 'react-i18next';
import { ACTIVATIONS, type LayerSpec } from '../../engine/spec/layers';
import { NumberField } from '../common/NumberField';

export interface LayerFieldError {
  message: string;
  id: string;
}

interface Props {
  spec: LayerSpec;
  disabled: boolean;
  /** Field name → its problem from the analysis, and the id of the element under the layer that says it. */
  errors: Record<string, LayerFieldError>;
  onChange: (spec: LayerSpec) => void;
}

/** The editable settings of one layer, by type. */
export function LayerFields({ spec, disabled, errors, onChange }: Props) {
  const { t } = useTranslation();
  const num = (key: string, value: number | undefined, step = 1) => (
    <NumberField
      key={key}
      label={t(`field.${key}`)}
      value={value ?? NaN}
      step={step}
      disabled={disabled}
      error={errors[key]?.message}
      errorId={errors[key]?.id}
      testId={`field-${key}`}
      width={4}
      onChange={(v) => onChange({ ...spec, [key]: v } as LayerSpec)}
    />
  );
  const choice = (key: string, value: string, options: readonly string[]) => (
    <label key={key} className="field">
      <span>{t(`field.${key}`)}</span>
      <select
        value={value}
        disabled={disabled}
        data-testid={`field-${key}`}
        onChange={(e) => onChange({ ...spec, [key]: e.target.value } as LayerSpec)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  switch (spec.type) {
    case 'conv2d':
      return (
        <>
          {num('filters', spec.filters)}
          {num('kernelSize', spec.kernelSize)}
          {num('strides', spec.strides)}
          {choice('padding', spec.padding, ['valid', 'same'])}
          {choice('activation', spec.activation, ACTIVATIONS)}
        </>
      );
    case 'maxPool':
    case 'avgPool':
      return (
        <>
          {num('poolSize', spec.poolSize)}
          {num('strides', spec.strides ?? spec.poolSize)}
        </>
      );
    case 'dense':
      return (
        <>
          {num('units', spec.units)}
          {choice('activation', spec.activation, ACTIVATIONS)}
        </>
      );
    case 'dropout':
      return num('rate', spec.rate, 0.05);
    case 'activation':
      return choice('activation', spec.activation, ACTIVATIONS);
    case 'lrn':
      return (
        <>
          {num('depthRadius', spec.depthRadius)}
          {num('bias', spec.bias, 0.5)}
          {num('alpha', spec.alpha, 1e-5)}
          {num('beta', spec.beta, 0.05)}
        </>
      );
    default:
      return null;
  }
}
