import './zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './ui/App';
import './ui/styles.css';
import { installDebugHooks } from './state/debug';
import { registerServiceWorker } from './sw/register';

installDebugHooks();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
