import { fileURLToPath } from 'node:url';
import { mergeConfig, type UserConfig } from 'vite';
import app from '../../vite.config';

// The app's own build (same plugins and worker format), plus the bench page, into a folder of its own.
// Datasets are not copied: the bench's server answers them from public/.
const root = fileURLToPath(new URL('../..', import.meta.url));

export const BENCH_OUT = 'tests/output/bench-dist';

export default mergeConfig(app as UserConfig, {
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: BENCH_OUT,
    emptyOutDir: true,
    // --profile-ui reads function names off the profile: unminified then (the code runs the same).
    minify: process.env.BENCH_UNMINIFIED ? false : undefined,
    rollupOptions: {
      input: {
        app: `${root}/index.html`,
        bench: `${root}/tests/bench/bench.html`,
      },
    },
  },
} satisfies UserConfig);
