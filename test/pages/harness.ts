import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { ResolvedConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import type { App } from '../../src/http/types.js';
import { codeChecks, emptiedFileDatabase, RecordingSms, testConfig } from '../helpers.js';
import { sharedCompilers } from '../schema-compilers.js';

export interface PagesApp {
  app: App;
  sms: RecordingSms;
  config: ResolvedConfig;
  database: Database;
  close(): Promise<void>;
}

/** The real app on the file's emptied database (the file calls useFileDatabase()), serving the pages the test run built (global-setup.ts). */
export async function startPages(env: Record<string, string> = {}): Promise<PagesApp> {
  const config = testConfig(env);
  const database = await emptiedFileDatabase();
  const sms = new RecordingSms();
  const codes = codeChecks();
  const app = await buildApp({ config, database, sms, logger: codes.logger, pagesDir: inject('pagesDir'), compilersFactory: sharedCompilers });
  await app.ready();
  return {
    app,
    sms,
    config,
    database,
    close: async () => {
      await app.close();
      codes.check();
    },
  };
}

/** What a same-origin fetch from the pages sends. */
export const sameOrigin = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

/** A phone's E.164 form for the recording SMS provider: 010-1234-5678 → +821012345678. */
export const e164 = (phone: string) => `+82${phone.replace(/\D/g, '').slice(1)}`;
