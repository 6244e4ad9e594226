import { runCli } from '../src/cli/run.js';
import type { Database } from '../src/db/client.js';
import { CHEAP_HASH } from './helpers.js';

/** The environment the CLI reads in tests; a cheap hash, as in the rest of the suite. */
export const cliEnv = { DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', ...CHEAP_HASH };

/** Runs the CLI in-process against the test's database, as `account-service …` would. */
export function cliFor(database: Database, stdin = '') {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      env: cliEnv,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => stdin,
      database,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
