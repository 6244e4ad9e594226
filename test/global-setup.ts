import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropTemplate } from './postgres-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of this run's own, for what test/run-once.ts makes once per run. */
    runDir: string;
  }
}

/** Gives the run a folder of its own, emptied before a rerun in watch mode (src/ or drizzle/ may have changed) and removed at the end. */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'account-service-run-'));
  project.provide('runDir', dir);
  // PostgreSQL's migrated template (test/postgres-template.ts) lives outside the folder.
  const adminUrl = process.env.TEST_DATABASE_URL;
  const empty = async () => {
    if (adminUrl) await dropTemplate(dir, adminUrl);
    rmSync(dir, { recursive: true, force: true });
  };
  project.onTestsRerun(async () => {
    await empty();
    mkdirSync(dir);
  });
  return empty;
}
