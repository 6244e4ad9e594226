/**
 * Benchmarks of the account service against the ceiling of the machine.
 *
 *   npm run bench            full run (10 s per endpoint), on PostgreSQL and on embedded PGlite
 *   npm run bench:smoke      ~1 s per endpoint, to keep the scripts working (CI)
 *   npm run bench:profile    CPU profiles of the service under GET /users/me and POST /phone-verify
 *
 * Options: --smoke, --profile, --only=postgres|pglite, --connections=N, --duration=SECONDS,
 * --users=N, --json=FILE, --endpoints=users-me,users-me-hs256,phone-verify,login,login-refresh,introspect,signup
 * (what a run measures; all by default, users-me,phone-verify with --profile; phone-verify includes its
 * confirm; users-me-hs256 runs a second service with JWT_ALGORITHM=HS256 on the same database), --pool-size=N,
 * --node-args="…" (the service's node flags, instead of those `npm start` uses). BENCH_DATABASE_URL names a PostgreSQL server whose user may create
 * databases; without it a throwaway server is started as .ci/run does, or PostgreSQL is skipped.
 * See bench/README.md.
 *
 * This file orders a run; backend.ts runs one service on one database, phases.ts measures
 * each endpoint group on it, ceilings.ts the bare server and argon2id alone, report.ts
 * prints the tables, profile-run.ts is --profile.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackendResult, runBackend } from './backend.js';
import { startBare } from './ceilings.js';
import { note, print } from './output.js';
import { parseOptions } from './options.js';
import { type PgTarget, providePostgres } from './postgres.js';
import { profileRun } from './profile-run.js';
import { report } from './report.js';
import { cleanup, cleanupOnSignals, ensureBuilt, onCleanup } from './runner.js';
import { SmsSink } from './sink.js';
import { PhoneNumbers } from './util.js';

cleanupOnSignals();

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  // Nothing here may hang CI: the whole run has a deadline.
  const deadlineMin = o.smoke ? 10 : 60;
  setTimeout(() => {
    note(`the run took longer than ${deadlineMin} minutes; giving up`);
    void cleanup().finally(() => process.exit(1));
  }, deadlineMin * 60_000).unref();

  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'bench-run-'));
  onCleanup(async () => rmSync(work, { recursive: true, force: true }));
  const sink = new SmsSink();
  await sink.start();
  onCleanup(() => sink.stop());
  const phones = new PhoneNumbers();

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  print(
    `# account-service benchmark (${o.profile ? 'profile' : o.smoke ? 'smoke: tiny durations, targets not enforced' : 'full'})`,
  );
  print(
    `node ${process.version}, ${availableParallelism()} cores (${cpu}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  );

  let pgTarget: PgTarget | undefined;
  if (o.only !== 'pglite') {
    const outcome = await providePostgres(process.env.BENCH_DATABASE_URL, note);
    if (outcome.ok) {
      pgTarget = outcome.target;
      onCleanup(() => outcome.target.cleanup());
    } else {
      note(`PostgreSQL skipped: ${outcome.reason}`);
    }
  }

  if (o.profile) {
    const db = pgTarget
      ? { kind: 'postgres' as const, url: pgTarget.url, label: 'PostgreSQL' }
      : { kind: 'pglite' as const, url: '', label: 'PGlite' };
    await profileRun(o, work, sink, phones, db);
    await cleanup();
    return;
  }

  const bare = await startBare();

  const results: BackendResult[] = [];
  const ctx = { work, sink, phones, bare };
  if (pgTarget) {
    results.push(await runBackend(o, { label: 'PostgreSQL', kind: 'postgres', url: pgTarget.url, source: pgTarget.source }, ctx));
  }
  if (o.only !== 'postgres') {
    const dir = join(work, 'pglite');
    results.push(await runBackend(o, { label: 'PGlite', kind: 'pglite', url: dir, source: `embedded, data in a temp directory` }, ctx));
  }

  const summary = report(o, results);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ options: o, results, at: new Date().toISOString() }, null, 2));
    note(`results written to ${o.json}`);
  }
  print();
  print(
    `SUMMARY: ${summary.join('; ') || 'nothing measured'}${o.smoke ? ' (smoke run: durations too short to judge)' : ''}` +
      `; load average ${loadavg()[0]!.toFixed(2)} at the end`,
  );
  await cleanup();

  // The numbers are not enforced, but a run whose requests mostly fail measures nothing.
  // (No answers at all within a smoke run's second is a slow machine, not a broken benchmark.)
  const broken = results.flatMap((r) =>
    r.endpoints.filter((e) => e.total > 0 && e.okShare < 0.5).map((e) => `${r.label} ${e.name}`),
  );
  if (broken.length) {
    print(`BROKEN: most answers had an unexpected status for ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  async (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exit(1);
  },
);
