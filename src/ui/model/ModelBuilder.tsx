import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sayIssue } from '../../i18n/issueText';
import { actions } from '../../actions';
import { analyzeModel } from '../../engine/spec/analyze';
import { BLOCK_TYPES, isBlock } from '../../engine/spec/layers';
import { ADD_CHOICES } from '../../actions/modelActions';
import { BlockRows } from './BlockRows';
import { PresetCard } from './PresetCard';
import { PRESETS } from '../../engine/spec/presets';
import { useShallow } from 'zustand/react/shallow';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { LayerFields, type LayerFieldError } from './LayerFields';
import { formatCount, formatShape } from './format';
import { NetworkDiagram } from '../inspect/NetworkDiagram';
import { useAccess } from '../common/useAccess';

export function ModelBuilder() {
  const { t, i18n } = useTranslation();
  const s = useApp(
    useShallow((a) => ({ layers: a.layers, dataset: a.dataset, presetId: a.presetId, importError: a.importError })),
  );
  // Locked by a classroom link: shown as while training, nothing editable (src/experiment/settings.ts).
  const access = useAccess('model');
  const frozen = useTransitionApp(isTraining) || access.locked;
  const fileInput = useRef<HTMLInputElement>(null);
  // Which blocks are folded to their one row: how the builder is seen, not part of the model.
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  // The diagram's selected block; only the diagram shows it for now (the inspect views will share it).
  const selectedLayer = useApp((a) => a.selectedLayer);
  const numClasses = s.dataset?.classNames.length ?? 10;
  // Shape inference is pure arithmetic, so it reruns on every edit.
  const analysis = useMemo(
    () => analyzeModel({ inputShape: s.dataset?.imageShape ?? [28, 28, 1], layers: s.layers.map((l) => l.spec) }, numClasses),
    [s.layers, s.dataset, numClasses],
  );
  if (access.hidden) return null;
  return (
    <section className="panel" data-testid="model-panel">
      <div className="row spread">
        <h2>{t('model.title')}</h2>
        <div className="row">
          <select
            aria-label={t('model.presets')}
            data-testid="preset-select"
            value={s.presetId ?? ''}
            disabled={frozen}
            onChange={(e) => e.target.value && actions.loadPreset.perform(e.target.value)}
          >
            <option value="">{t('model.choosePreset')}</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`preset.${p.id}`)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => actions.exportModel.perform()}>{t('model.export')}</button>
          <button type="button" disabled={frozen} onClick={() => fileInput.current?.click()}>{t('model.import')}</button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) actions.importModel.perform(await file.text());
              e.target.value = '';
            }}
          />
        </div>
      </div>
      <PresetCard presetId={s.presetId} analysis={analysis} />
      {s.importError ? <p className="error">{t('model.importFailed', { message: sayIssue(t, s.importError) })}</p> : null}
      <table className="layers" data-testid="layer-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('model.layer')}</th>
            <th></th>
            <th>{t('model.shape')}</th>
            <th className="num">{t('model.params')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          <tr className="input-row">
            <td></td>
            <td>{t('model.input')}</td>
            <td></td>
            <td>{formatShape(analysis.inputShape)}</td>
            <td></td>
            <td></td>
          </tr>
          {s.layers.map((layer, i) => {
            const info = analysis.layers[i];
            // Each issue is said once, under the layer's fields; the field it concerns points to it (aria-describedby).
            const issueId = (k: number) => `${layer.key}-issue-${k}`;
            const fieldErrors: Record<string, LayerFieldError> = {};
            (info?.issues ?? []).forEach((issue, k) => {
              if (issue.field && !fieldErrors[issue.field]) fieldErrors[issue.field] = { message: sayIssue(t, issue.text), id: issueId(k) };
            });
            if (isBlock(layer.spec)) {
              const key = layer.key;
              return (
                <BlockRows
                  key={key}
                  index={i}
                  spec={layer.spec}
                  info={info}
                  count={s.layers.length}
                  training={frozen}
                  selected={i === selectedLayer}
                  collapsed={collapsed[key] === true}
                  onToggle={() => setCollapsed((c) => ({ ...c, [key]: !c[key] }))}
                  errors={fieldErrors}
                  issueId={issueId}
                />
              );
            }
            const spec = layer.spec;
            return (
              <tr key={layer.key} className={`${info?.issues.length ? 'has-issue' : ''}${i === selectedLayer ? ' selected-layer' : ''}`} data-testid="layer-row">
                <td className="muted">{i + 1}</td>
                <td className="layer-type">{t(`layer.${layer.spec.type}`, { defaultValue: String(layer.spec.type) })}</td>
                <td>
                  <div className="fields">
                    <LayerFields spec={spec} disabled={frozen} errors={fieldErrors} onChange={(spec) => actions.editLayer.perform({ index: i, spec })} />
                  </div>
                  {info?.issues.map((issue, k) => (
                    <div key={issue.message} id={issueId(k)} className="error" data-testid="layer-issue">{sayIssue(t, issue.text)}</div>
                  ))}
                </td>
                <td data-testid="layer-shape">{formatShape(info?.outputShape ?? null)}</td>
                <td className="num" title={`${t('model.macs')}: ${formatCount(info?.macs ?? 0, i18n.language)}`}>
                  {formatCount(info?.params ?? 0, i18n.language)}
                  {info?.macs ? <div className="muted macs">{t('model.macUnit', { value: formatCount(info.macs, i18n.language) })}</div> : null}
                </td>
                <td className="row-actions">
                  <button type="button" title={t('model.moveUp')} aria-label={t('model.moveUp')} disabled={frozen || i === 0} onClick={() => actions.moveLayer.perform({ index: i, by: -1 })}>↑</button>
                  <button type="button" title={t('model.moveDown')} aria-label={t('model.moveDown')} disabled={frozen || i === s.layers.length - 1} onClick={() => actions.moveLayer.perform({ index: i, by: 1 })}>↓</button>
                  <button type="button" title={t('model.removeLayer')} aria-label={t('model.removeLayer')} disabled={frozen} onClick={() => actions.removeLayer.perform(i)}>✕</button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td></td>
            <td colSpan={2}>
              {t('model.total')} · {t('model.macs')}: {formatCount(analysis.totalMacs, i18n.language)}
            </td>
            <td>{formatShape(analysis.outputShape)}</td>
            <td className="num" data-testid="total-params">{formatCount(analysis.totalParams, i18n.language)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
      {s.layers.length === 0 ? <p className="muted">{t('model.empty')}</p> : null}
      {analysis.issues.filter((i) => i.layerIndex === null).map((issue) => (
        <p key={issue.message} className="error" data-testid="model-issue">{sayIssue(t, issue.text)}</p>
      ))}
      <NetworkDiagram analysis={analysis} selected={selectedLayer} onSelect={(layer) => actions.selectLayer.perform(selectedLayer === layer ? null : layer)} />
      <div className="row wrap add-layer">
        <span className="muted">{t('model.addLayer')}:</span>
        {ADD_CHOICES.map((choice) => (
          <button key={choice} type="button" disabled={frozen} data-testid={`add-${choice}`} onClick={() => actions.addLayer.perform(choice)}>
            + {t(`addChoice.${choice}`, { defaultValue: t(`layer.${choice}`) })}
          </button>
        ))}
      </div>
      <div className="row wrap add-layer">
        <span className="muted">{t('model.addBlock')}:</span>
        {BLOCK_TYPES.map((type) => (
          <button key={type} type="button" disabled={frozen} data-testid={`add-${type}`} onClick={() => actions.addBlock.perform(type)}>
            + {t(`layer.${type}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
