import { runCli } from '../src/cli/run.js';
import type { Database } from '../src/db/client.js';
import { CHEAP_HASH, SECRET } from './helpers.js';

/** The environment the CLI reads in tests: the apps' secret, a cheap hash, as in the rest of the suite. */
export const cliEnv = { DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', SECRET_KEY: SECRET, ...CHEAP_HASH };

/** Runs the CLI in-process against the test's database, as `account-service …` would; `env` over cliEnv. */
export function cliFor(database: Database, stdin = '', env: Record<string, string> = {}) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      env: { ...cliEnv, ...env },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => stdin,
      database,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
