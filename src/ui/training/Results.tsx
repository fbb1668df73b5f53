import { useTranslation } from 'react-i18next';
import { useApp, type AppState } from '../../state/store';
import { useLiveValue } from '../common/useLiveValue';
import { SampleGrid } from '../dataset/SampleGrid';
import { useClassNames } from '../common/useClassNames';

const selectRun = (s: AppState) => s.run;
const RESULTS_MS = 200;

export function Results() {
  const { t } = useTranslation();
  // In a transition: the end of a run re-renders much of the page at once, and this panel (24 test images)
  // need not be in that synchronous render.
  const run = useLiveValue(selectRun, RESULTS_MS);
  const dataset = useApp((s) => s.dataset);
  const classNames = useClassNames(dataset?.id, dataset?.classNames ?? []);
  const runName = useApp((s) => s.runs.find((r) => r.id === s.currentRunId)?.name);
  // The run's own loss, which the figure is (a hinge of 0.3 is not a cross-entropy of 0.3).
  const lossType = useApp((s) => s.runs.find((r) => r.id === s.currentRunId)?.config.loss ?? 'crossEntropy');
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
              <div className="big">{Math.abs(test.loss) < 1e4 ? test.loss.toFixed(4) : test.loss.toPrecision(3)}</div>
              <div className="muted" data-testid="test-loss-label">{t('results.testLossNamed', { loss: t(`lossFunction.short.${lossType}`) })}</div>
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
                        {classNames[p.predicted]}
                        {ok ? '' : ` (${classNames[p.label]})`}
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
