import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import type { InnerGeometry, LayerInfo } from '../../engine/spec/analyze';
import { text } from '../../engine/spec/messages';
import { ACTIVATIONS, INCEPTION_FIELDS, MAIN_PATH_TYPES, MAX_MAIN_PATH, SHORTCUTS, type BlockSpec, type MainPathLayerSpec } from '../../engine/spec/layers';
import { sayIssue } from '../../i18n/issueText';
import { NumberField } from '../common/NumberField';
import { formatCount, formatShape } from './format';
import { LayerFields, type LayerFieldError } from './LayerFields';

// A block in the builder: one row for the block (its own settings, output shape and totals, and the
// buttons that move or remove it as a whole), then, unless collapsed, a row per layer inside it.

interface Props {
  index: number;
  spec: BlockSpec;
  info: LayerInfo | undefined;
  count: number;
  training: boolean;
  selected: boolean;
  collapsed: boolean;
  onToggle: () => void;
  errors: Record<string, LayerFieldError>;
  issueId: (k: number) => string;
}

function BlockFields({ spec, disabled, errors, index }: { spec: BlockSpec; disabled: boolean; errors: Record<string, LayerFieldError>; index: number }) {
  const { t } = useTranslation();
  const edit = (next: BlockSpec) => actions.editLayer.perform({ index, spec: next });
  const activation = (
    <label className="field">
      <span>{t('field.activation')}</span>
      <select value={spec.activation} disabled={disabled} data-testid="field-activation" onChange={(e) => edit({ ...spec, activation: e.target.value as BlockSpec['activation'] })}>
        {ACTIVATIONS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
    </label>
  );
  if (spec.type === 'residual') {
    return (
      <>
        <label className="field">
          <span>{t('field.shortcut')}</span>
          <select
            value={spec.shortcut}
            disabled={disabled}
            data-testid="field-shortcut"
            aria-invalid={errors.shortcut ? true : undefined}
            aria-describedby={errors.shortcut?.id}
            onChange={(e) => edit({ ...spec, shortcut: e.target.value as typeof spec.shortcut })}
          >
            {SHORTCUTS.map((s) => (
              <option key={s} value={s}>
                {t(`shortcut.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {activation}
      </>
    );
  }
  return (
    <>
      {INCEPTION_FIELDS.map((key) => (
        <NumberField
          key={key}
          label={t(`field.${key}`)}
          value={spec[key] ?? NaN}
          disabled={disabled}
          error={errors[key]?.message}
          errorId={errors[key]?.id}
          testId={`field-${key}`}
          width={3}
          onChange={(v) => edit({ ...spec, [key]: v })}
        />
      ))}
      {activation}
    </>
  );
}

export function BlockRows({ index, spec, info, count, training, selected, collapsed, onToggle, errors, issueId }: Props) {
  const { t, i18n } = useTranslation();
  const mainPath = spec.type === 'residual' ? spec.layers : [];
  // Where the block gets no usable input, its main path is still listed, to be edited, without shapes.
  const unplaced = mainPath.map((l, j): InnerGeometry => ({ part: text('mainLayer', { n: j + 1, type: l.type }), type: l.type, output: null, params: 0, trainableParams: 0, macs: 0 }));
  const inner = info?.inner?.length ? info.inner : unplaced;
  return (
    <>
      <tr className={`block-row${info?.issues.length ? ' has-issue' : ''}${selected ? ' selected-layer' : ''}`} data-testid="block-row">
        <td className="muted">{index + 1}</td>
        <td className="layer-type">
          <button
            type="button"
            className="toggle"
            aria-expanded={!collapsed}
            title={t(collapsed ? 'model.expand' : 'model.collapse')}
            aria-label={t(collapsed ? 'model.expand' : 'model.collapse')}
            data-testid="block-toggle"
            onClick={onToggle}
          >
            {collapsed ? '▸' : '▾'}
          </button>{' '}
          {t(`layer.${spec.type}`)}
        </td>
        <td>
          <div className="fields">
            <BlockFields spec={spec} disabled={training} errors={errors} index={index} />
          </div>
          {info?.issues.map((issue, k) => (
            <div key={issue.message} id={issueId(k)} className="error" data-testid="layer-issue">
              {sayIssue(t, issue.text)}
            </div>
          ))}
        </td>
        <td data-testid="layer-shape">{formatShape(info?.outputShape ?? null)}</td>
        <td className="num" data-testid="block-params" title={`${t('model.macs')}: ${formatCount(info?.macs ?? 0, i18n.language)}`}>
          {formatCount(info?.params ?? 0, i18n.language)}
          {info?.macs ? <div className="muted macs">{t('model.macUnit', { value: formatCount(info.macs, i18n.language) })}</div> : null}
        </td>
        <td className="row-actions">
          <button type="button" title={t('model.moveUp')} aria-label={t('model.moveUp')} disabled={training || index === 0} onClick={() => actions.moveLayer.perform({ index, by: -1 })}>↑</button>
          <button type="button" title={t('model.moveDown')} aria-label={t('model.moveDown')} disabled={training || index === count - 1} onClick={() => actions.moveLayer.perform({ index, by: 1 })}>↓</button>
          <button type="button" title={t('model.removeLayer')} aria-label={t('model.removeLayer')} disabled={training} onClick={() => actions.removeLayer.perform(index)}>✕</button>
        </td>
      </tr>
      {collapsed
        ? null
        : inner.map((layer, j) => {
            // A residual block's first rows are its main path, which can be edited; the rest (shortcut,
            // branches, the merge) follow from the block's own fields.
            const editable = j < mainPath.length ? mainPath[j] : null;
            return (
              <tr key={j} className="inner-row" data-testid="block-inner-row">
                <td></td>
                <td className="inner-part">
                  {/* A main-path layer is named by its place; what it is, in the UI's language, goes under it. */}
                  {editable ? sayIssue(t, text('mainLayerUntyped', { n: j + 1 })) : sayIssue(t, layer.part)}
                  {editable ? <div className="muted inner-type">{t(`blockPart.${layer.type}`, { defaultValue: layer.type })}</div> : null}
                </td>
                <td>
                  <div className="fields">
                    {editable ? (
                      <LayerFields
                        spec={editable}
                        disabled={training}
                        errors={{}}
                        onChange={(next) =>
                          spec.type === 'residual' &&
                          actions.editLayer.perform({ index, spec: { ...spec, layers: spec.layers.map((l, k) => (k === j ? (next as MainPathLayerSpec) : l)) } })
                        }
                      />
                    ) : (
                      <span className="muted inner-type">{t(`blockPart.${layer.type}`, { defaultValue: layer.type })}</span>
                    )}
                  </div>
                </td>
                <td data-testid="inner-shape">{formatShape(layer.output)}</td>
                <td className="num">
                  {layer.params ? formatCount(layer.params, i18n.language) : ''}
                  {layer.macs ? <div className="muted macs">{t('model.macUnit', { value: formatCount(layer.macs, i18n.language) })}</div> : null}
                </td>
                <td className="row-actions">
                  {editable ? (
                    <>
                      <button type="button" title={t('model.moveUp')} aria-label={t('model.moveUp')} disabled={training || j === 0} onClick={() => actions.moveMainPathLayer.perform({ index, inner: j, by: -1 })}>↑</button>
                      <button type="button" title={t('model.moveDown')} aria-label={t('model.moveDown')} disabled={training || j === mainPath.length - 1} onClick={() => actions.moveMainPathLayer.perform({ index, inner: j, by: 1 })}>↓</button>
                      <button type="button" title={t('model.removeLayer')} aria-label={t('model.removeLayer')} disabled={training || mainPath.length === 1} onClick={() => actions.removeMainPathLayer.perform({ index, inner: j })}>✕</button>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
      {!collapsed && spec.type === 'residual' ? (
        <tr className="inner-row">
          <td></td>
          <td colSpan={5}>
            <div className="row wrap">
              <span className="muted">{t('model.addMainPathLayer')}:</span>
              {MAIN_PATH_TYPES.map((type) => (
                <button key={type} type="button" disabled={training || spec.layers.length >= MAX_MAIN_PATH} data-testid={`add-main-${type}`} onClick={() => actions.addMainPathLayer.perform({ index, type })}>
                  + {t(`layer.${type}`)}
                </button>
              ))}
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
