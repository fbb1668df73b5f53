import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBuiltinDatasetId, type DatasetId } from '../../engine/data/catalog';
import { scriptFileName, type ScriptFramework } from '../../engine/export/fileName';
import { kerasScript } from '../../engine/export/keras';
import { pytorchScript } from '../../engine/export/pytorch';
import type { ModelSpec } from '../../engine/spec/layers';
import type { TrainingConfig } from '../../engine/train/config';
import { download } from '../../state/download';

// "Take the experiment to Python": one run's model, data and settings as a Keras or a PyTorch script.
// The scripts are written here on the main thread (plain string work, no tfjs) and downloaded as .py.

export interface ExportCodeRun {
  spec: ModelSpec;
  config: TrainingConfig;
  datasetId: DatasetId;
  /** The run's name: the script's first line and its file name. */
  name: string;
}

export interface ExportCodeProps {
  run: ExportCodeRun;
}

const WRITERS: Record<ScriptFramework, typeof kerasScript> = { keras: kerasScript, pytorch: pytorchScript };
const FRAMEWORKS: ScriptFramework[] = ['keras', 'pytorch'];

export function ExportCode({ run }: ExportCodeProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);

  const save = (framework: ScriptFramework) => {
    try {
      const datasetId = run.datasetId;
      if (!isBuiltinDatasetId(datasetId)) return setProblem(t('codeExport.ownDataset'));
      const script = WRITERS[framework](run.spec, run.config, datasetId, { title: run.name });
      download(scriptFileName(run.name, framework), new Blob([script], { type: 'text/x-python;charset=utf-8' }));
      setProblem(null);
    } catch (error) {
      // Runs come from specs the app trained, so this is a spec or setting the exporter cannot express.
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div data-testid="export-code">
      <div className="row" role="group" aria-label={t('codeExport.title')}>
        <span className="muted">{t('codeExport.title')}</span>
        {FRAMEWORKS.map((framework) => (
          <button key={framework} type="button" data-framework={framework} title={t(`codeExport.${framework}Hint`)} onClick={() => save(framework)}>
            {t(`codeExport.${framework}`)}
          </button>
        ))}
      </div>
      {problem ? (
        <p className="error" role="alert">
          {isBuiltinDatasetId(run.datasetId) ? t('codeExport.failed', { message: problem }) : problem}
        </p>
      ) : null}
    </div>
  );
}
