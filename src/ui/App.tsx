import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { actions, handleShortcut } from '../actions';
import { boot } from '../actions/appActions';
import { restoreRuns } from '../actions/runActions';
import { useApp } from '../state/store';
import { MetricCharts } from './charts/MetricCharts';
import { DatasetPanel } from './dataset/DatasetPanel';
import { AugmentationPanel } from './data/AugmentationPanel';
import { OwnDatasetPanel } from './data/OwnDatasetPanel';
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
import { ExperimentNotice } from './experiment/ExperimentNotice';
import { ClassroomBanner } from './experiment/ClassroomBanner';
import { ExperimentPanel } from './experiment/ExperimentPanel';
import { ShortcutsOverlay } from './layout/ShortcutsOverlay';
import { LessonPanel } from './lessons/LessonPanel';
import { openStep } from '../state/lesson';

export function App() {
  const { t } = useTranslation();
  const engineError = useApp((s) => s.engineError);
  const backend = useApp((s) => s.backend);
  const presenter = useApp((s) => s.presenter);
  // A panel presenter mode hides stays on show while a lesson's step works in it.
  const lessonPanel = useApp((s) => openStep(s)?.panel ?? null);
  const hideUnlessLesson = (testId: string) => (lessonPanel === testId ? '' : ' presenter-hide');
  // On the root element, so that every rem (the app's type sizes) grows in presenter mode.
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  useEffect(() => {
    void boot.perform();
    // A lesson opens from one link: ?lesson=<id>.
    const lesson = new URLSearchParams(location.search).get('lesson');
    if (lesson) void actions.openLesson.perform(lesson);
    void restoreRuns.perform();
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);
  return (
    // Presenter mode lays out the same panels for a projector (styles.css, `.presenter`): large type, the
    // model, the controls and the chart side by side, the panels a lesson rarely needs hidden.
    <div className={presenter ? 'app presenter' : 'app'} data-presenter={presenter}>
      <Header />
      <ShortcutsOverlay />
      <LessonPanel />
      <EngineNotice />
      <ExperimentNotice />
      <ClassroomBanner />
      {engineError ? <p className="error banner">{t('app.engineFailed', { message: engineError })}</p> : null}
      {!backend && !engineError ? <p className="muted banner">{t('app.starting')}</p> : null}
      {backend?.fallbackReason ? (
        <p className="notice banner" data-testid="backend-fallback">
          {t('app.backendFallback', { name: backend.name, reason: backend.fallbackReason })}
        </p>
      ) : null}
      <main className="columns">
        <div className="column">
          <div className="area-data">
            <DatasetPanel />
          </div>
          <div className="area-own presenter-hide">
            <OwnDatasetPanel />
          </div>
          <div className={`area-augment${hideUnlessLesson('augmentation-panel')}`}>
            <AugmentationPanel />
          </div>
          <div className="area-model">
            <ModelBuilder />
          </div>
          <div className="area-experiment presenter-hide">
            <ExperimentPanel />
          </div>
        </div>
        <div className="column">
          {/* The charts first: with the controls at the top of the training panel below, both fit a 720 px screen. */}
          <section className="panel area-charts">
            <MetricCharts />
          </section>
          <div className="area-train">
            <TrainingPanel />
          </div>
          <div className="area-backend presenter-hide">
            <BackendPanel />
          </div>
          <div className="area-results">
            <Results />
          </div>
          <div className="area-kept">
            <KeptModelPanel />
          </div>
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
      <div className={hideUnlessLesson('paths-panel')}>
        <PathsPanel />
      </div>
    </div>
  );
}
