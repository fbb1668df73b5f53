import * as Comlink from 'comlink';
import { EngineSession } from '../engine/session';

// The engine runs here, so training never competes with React for the main thread.
// WebGL works in a worker through OffscreenCanvas, which tfjs picks up by itself.
const session = new EngineSession(new URL(import.meta.env.BASE_URL, self.location.origin).href);
Comlink.expose(session);
