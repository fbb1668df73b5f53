import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { handleShortcut } from '../actions';
import { boot } from '../actions/appActions';
import { restoreRuns } from '../actions/runActions';
import { useApp } from '../state/store';
import { MetricCharts } from './charts/MetricCharts';
import { DatasetPanel } from './dataset/DatasetPanel';
import { AugmentationPanel } from './data/AugmentationPanel';
import { BaggingPanel } from './data/BaggingPanel';
import { CrossValidationPanel } from './data/CrossValidationPanel';
import { OverfittingLab } from './data/OverfittingLab';
import { Header } from './Header';
import { EngineNotice } from './engine/EngineNotice';
import { BackendPanel } from './settings/BackendPanel';
import { ModelBuilder } from './model/ModelBuilder';
import { PathsPanel } from './paths/PathsPanel';
import { Results } from './training/Results';
import { KeptModelPanel } from './results/KeptModelPanel';
import { RunsPanel } from './runs/RunsPanel';
import { TrainingDynamicsPanel } from './inspect/TrainingDynamicsPanel';
import { TrainingPanel } from './training/TrainingPanel';

export function App() {
  const { t } = useTranslation();
  const engineError = useApp((s) => s.engineError);
  const backend = useApp((s) => s.backend);
  useEffect(() => {
    void boot.perform();
    void restoreRuns.perform();
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);
  return (
    <div className="app">
      <Header />
      <EngineNotice />
      {engineError ? <p className="error banner">{t('app.engineFailed', { message: engineError })}</p> : null}
      {!backend && !engineError ? <p className="muted banner">{t('app.starting')}</p> : null}
      {backend?.fallbackReason ? (
        <p className="notice banner" data-testid="backend-fallback">
          {t('app.backendFallback', { name: backend.name, reason: backend.fallbackReason })}
        </p>
      ) : null}
      <main className="columns">
        <div className="column">
          <DatasetPanel />
          <AugmentationPanel />
          <ModelBuilder />
        </div>
        <div className="column">
          <TrainingPanel />
          <BackendPanel />
          <section className="panel">
            <MetricCharts />
          </section>
          <Results />
          <KeptModelPanel />
        </div>
      </main>
      <div className="wide">
        <RunsPanel />
        <OverfittingLab />
        <div className="lab-pair">
          <CrossValidationPanel />
          <BaggingPanel />
        </div>
        <TrainingDynamicsPanel />
      </div>
      <PathsPanel />
    </div>
  );
}
