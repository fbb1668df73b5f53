import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../state/store';
import { SampleGrid } from '../dataset/SampleGrid';

export function Results() {
  const { t } = useTranslation();
  const run = useApp(
    useShallow((s) => ({ test: s.run.test, testImages: s.run.testImages, status: s.run.status, tensors: s.run.tensors })),
  );
  const dataset = useApp((s) => s.dataset);
  const runName = useApp((s) => s.runs.find((r) => r.id === s.currentRunId)?.name);
  const test = run.test;
  return (
    <section className="panel" data-testid="results-panel">
      <h2>
        {t('results.title')}
        {runName ? <span className="muted" data-testid="results-run"> · {runName}</span> : null}
      </h2>
      {!test ? (
        <p className="muted">{run.status === 'stopped' ? t('results.stoppedEarly') : t('results.none')}</p>
      ) : (
        <>
          <div className="row big-numbers">
            <div>
              <div className="big" data-testid="test-accuracy">{(test.accuracy * 100).toFixed(2)}%</div>
              <div className="muted">{t('results.testAccuracy')} {t('results.onImages', { count: test.confusion.flat().reduce((a, b) => a + b, 0) })}</div>
            </div>
            <div>
              <div className="big">{test.loss.toFixed(4)}</div>
              <div className="muted">{t('results.testLoss')}</div>
            </div>
          </div>
          {run.tensors ? <p className="muted" data-testid="tensor-counts">{t('results.tensors', run.tensors)}</p> : null}
          {run.testImages && dataset ? (
            <>
              <h3>{t('results.predictions')}</h3>
              <div className="prediction-strip" data-testid="prediction-strip">
                {test.samples.map((p, i) => {
                  const size = dataset.imageShape.reduce((a, b) => a * b, 1);
                  const ok = p.predicted === p.label;
                  return (
                    <figure key={p.index} className={ok ? 'correct' : 'wrong'}>
                      <SampleGrid images={run.testImages!.subarray(i * size, (i + 1) * size)} shape={dataset.imageShape} columns={1} scale={2} />
                      <figcaption title={`${Math.round(p.confidence * 100)}%`}>
                        {dataset.classNames[p.predicted]}
                        {ok ? '' : ` (${dataset.classNames[p.label]})`}
                      </figcaption>
                    </figure>
                  );
                })}
              </div>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
