import { z } from 'zod';

// Zod 4 compiles a fast object parser with `new Function` and probes for it when the first object schema
// is built. The app's Content-Security-Policy has no 'unsafe-eval', so the compiled path cannot run, and
// the probe alone already reports a violation. Each entry (page and worker) imports this module first,
// before any module that builds a schema: a schema reads the setting when it is made.
z.config({ jitless: true });
