import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// src/experiment reads the engine's spec and config schemas and nothing else of the app: no UI, no React,
// no store, no tfjs. The gate then runs anywhere (the page, a worker, Node) and cannot pull the UI in.

const DIR = path.join(__dirname, '../../../src/experiment');
const ALLOWED = [/^\.\/[\w]+$/, /^\.\.\/engine\/(spec|train|data)\/\w+$/, /^zod$/, /^lz-string$/];

describe('src/experiment', () => {
  it('imports only the engine schemas, zod and lz-string', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(path.join(DIR, file), 'utf8');
      for (const [, from] of source.matchAll(/from '([^']+)'/g)) {
        expect(ALLOWED.some((re) => re.test(from)), `${file} imports ${from}`).toBe(true);
      }
    }
  });
});
