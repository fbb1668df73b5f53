import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { useApp } from '../../state/store';

/** Choose model.json and its weights file together: the model comes back as a run with a kept model. */
export function ImportModel() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const enabled = useApp((s) => (actions.importTrainedModel.enabled ? actions.importTrainedModel.enabled(s) : true));
  const problem = useApp((s) => s.results.importProblem);
  return (
    <div className="row wrap" data-testid="import-trained-model">
      <button type="button" disabled={!enabled} onClick={() => input.current?.click()}>
        {t('keptModels.import')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".json,.bin,application/json,application/octet-stream"
        data-testid="import-trained-model-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void actions.importTrainedModel.perform(files);
        }}
      />
      <span className="muted">{t('keptModels.importHint')}</span>
      {problem ? (
        <p className="error" role="alert" data-testid="import-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
