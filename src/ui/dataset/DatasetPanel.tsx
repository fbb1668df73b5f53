import { useTranslation } from 'react-i18next';
import { actions } from '../../actions';
import { CATALOG, DATASET_IDS, isOwnDatasetId, type DatasetId } from '../../engine/data/catalog';
import { datasetFacts } from '../../state/datasetFacts';
import { sayOwnProblem } from '../../i18n/ownDatasetText';
import type { ByteProgress } from '../../engine/data/download';
import { useShallow } from 'zustand/react/shallow';
import { fieldError } from '../../i18n/fieldProblemText';
import { settingsProblems } from '../../state/settingsProblems';
import { isTraining, useApp } from '../../state/store';
import { useTransitionApp } from '../common/useTransitionApp';
import { NumberField } from '../common/NumberField';
import { useAccess } from '../common/useAccess';
import { ClassHistogram } from './ClassHistogram';
import { SampleGrid } from './SampleGrid';
import { useClassNames } from '../common/useClassNames';

const SAMPLE_SCALE = 1.25;

/** Megabytes with one decimal, in the UI's language (1.2 MB, 11.3 MB): decimal units, as servers count them. */
function megabytes(bytes: number, language: string): string {
  return (bytes / 1e6).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The download of a dataset's files: a byte progress bar once the first bytes arrive. */
function DownloadProgress({ name, progress }: { name: string; progress: ByteProgress | null }) {
  const { t, i18n } = useTranslation();
  const label = t('dataset.loading', { name });
  if (!progress) return <p className="muted">{label}</p>;
  const total = progress.total ?? undefined;
  const loaded = megabytes(progress.loaded, i18n.language);
  return (
    <div className="download-progress">
      <progress data-testid="dataset-progress" aria-label={label} max={total} value={total === undefined ? undefined : progress.loaded} />
      <span className="muted">
        {total === undefined
          ? t('dataset.downloaded', { loaded })
          : t('dataset.downloadedOf', { loaded, total: megabytes(total, i18n.language) })}
      </span>
    </div>
  );
}

export function DatasetPanel() {
  const { t } = useTranslation();
  // Only what this panel shows, so live training updates do not re-render it.
  const s = useApp(
    useShallow((a) => ({
      datasetId: a.datasetId,
      availability: a.availability,
      dataset: a.dataset,
      datasetLoading: a.datasetLoading,
      datasetProgress: a.datasetProgress,
      datasetError: a.datasetError,
      subsets: a.subsets,
      seed: a.seed,
      preview: a.preview,
      own: a.own.list,
      notice: a.datasetNotice,
    })),
  );
  const training = useTransitionApp(isTraining);
  const classNames = useClassNames(s.dataset?.id, s.dataset?.classNames ?? []);
  const ownSummary = isOwnDatasetId(s.datasetId) ? s.own.find((d) => d.id === s.datasetId) : undefined;
  // An own dataset not (yet) listed shows its id until the list is read.
  const info = datasetFacts({ own: { list: s.own } }, s.datasetId) ?? { name: s.datasetId, license: null };
  const availability = s.availability[s.datasetId];
  // The same problems that decide whether Train is enabled (settingsReady), so the two never disagree.
  const problems = useApp(settingsProblems);
  const error = (path: string) => fieldError(t, problems, path);
  // A classroom link may hide or lock each of these (src/experiment/settings.ts).
  const datasetAccess = useAccess('dataset');
  const subsetsAccess = useAccess('subsets');
  const seedAccess = useAccess('seed');
  const locked = t('experiment.lockedByTeacher');
  return (
    <section className="panel" data-testid="dataset-panel">
      <h2>{t('dataset.title')}</h2>
      <div className="row">
        {datasetAccess.hidden ? <strong>{info.name}</strong> : <select
          aria-label={t('dataset.select')}
          data-testid="dataset-select"
          value={s.datasetId}
          disabled={training || datasetAccess.locked}
          title={datasetAccess.locked ? locked : undefined}
          onChange={(e) => void actions.selectDataset.perform(e.target.value as DatasetId)}
        >
          {DATASET_IDS.map((id) => (
            <option key={id} value={id}>
              {CATALOG[id].name}
              {s.availability[id] && s.availability[id]?.status !== 'ready' ? ' ✗' : ''}
            </option>
          ))}
          {s.own.length > 0 ? (
            <optgroup label={t('own.group')}>
              {s.own.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                  {d.problems.length > 0 ? ' ✗' : ''}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>}
        <small className="muted">{info.license ?? t('own.license')}</small>
      </div>
      {s.notice ? (
        <p className="notice" data-testid="dataset-notice">
          {t('own.missingHere', { id: s.notice.id })}
        </p>
      ) : null}
      {ownSummary && ownSummary.problems.length > 0 ? (
        <ul className="notice" data-testid="own-not-ready">
          {ownSummary.problems.map((p, i) => (
            <li key={i}>{sayOwnProblem(t, p)}</li>
          ))}
        </ul>
      ) : null}
      {availability && availability.status !== 'ready' ? (
        <div className="notice" data-testid="dataset-missing">
          {availability.status === 'missing'
            ? t('dataset.notPrepared', { name: info.name })
            : t('dataset.invalid', { name: info.name, message: availability.message })}
          <code>{availability.command}</code>
        </div>
      ) : null}
      {s.datasetLoading ? <DownloadProgress name={info.name} progress={s.datasetProgress} /> : null}
      {s.datasetError && !(availability && availability.status !== 'ready') ? (
        <p className="error">{s.datasetError}</p>
      ) : null}
      {s.dataset ? (
        <>
          <p className="muted" data-testid="dataset-status">
            {t('dataset.loaded', {
              train: s.dataset.trainCount.toLocaleString(),
              test: s.dataset.testCount.toLocaleString(),
              shape: s.dataset.imageShape.join('×'),
              ms: Math.round(s.dataset.loadMs),
            })}
          </p>
          <div className="row wrap">
            {subsetsAccess.hidden ? null : <>
            <NumberField label={t('dataset.train')} value={s.subsets.train} disabled={training || subsetsAccess.locked} error={error('subsets.train')} testId="subset-train" width={6} onChange={(train) => actions.setSubsets.perform({ train })} />
            <NumberField label={t('dataset.validation')} value={s.subsets.validation} disabled={training || subsetsAccess.locked} error={error('subsets.validation')} testId="subset-validation" width={6} onChange={(validation) => actions.setSubsets.perform({ validation })} />
            <NumberField label={t('dataset.test')} value={s.subsets.test} disabled={training || subsetsAccess.locked} error={error('subsets.test')} testId="subset-test" width={6} onChange={(test) => actions.setSubsets.perform({ test })} />
            </>}
            {seedAccess.hidden ? null : <NumberField label={t('dataset.seed')} value={s.seed} disabled={training || seedAccess.locked} testId="seed" error={error('seed')} onChange={(seed) => actions.setSeed.perform(seed)} />}
          </div>
          {s.preview ? (
            <>
              <div className="dataset-views">
                <div className="samples-block">
                  <h3>{t('dataset.samples')}</h3>
                  <div className="samples">
                    <div className="sample-labels">
                      {classNames.map((name) => (
                        <span key={name} style={{ height: (s.dataset!.imageShape[0] + 1) * SAMPLE_SCALE }}>{name}</span>
                      ))}
                    </div>
                    <SampleGrid images={s.preview.samples} shape={s.dataset.imageShape} columns={s.preview.perClass} scale={SAMPLE_SCALE} testId="sample-grid" />
                  </div>
                </div>
                <ClassHistogram preview={s.preview} classNames={classNames} />
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
