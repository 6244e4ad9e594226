import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The account pages as `npm run build` builds them, in a folder of this run's own. */
    pagesDir: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the pages once per run, so the tests serve what production serves without racing a developer's dist/. */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'account-pages-'));
  await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'web'), build: { outDir: dir } });
  project.provide('pagesDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
