import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { migrationsFolder } from '../../src/db/client.js';
import { loadStatements } from './load.js';

/*
 * The conversion of an existing database (drizzle/0025 to 0031) timed: a database at
 * drizzle/0024 with `events` events in the old table (a year of them, nearly all delivered)
 * and `events / 30` accounts with three sessions each, then each migration in its own
 * transaction as the service applies them, while a client of the old version keeps
 * recording events and notes how long its slowest insert waited.
 */

const FIRST = '0025';

export interface Conversion {
  events: number;
  steps: { tag: string; ms: number }[];
  writes: number;
  slowestWriteMs: number;
}

export async function convert(url: string, events: number, log: (line: string) => void): Promise<Conversion> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const earlier = mkdtempSync(join(tmpdir(), 'scale-migrations-'));
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  const before = journal.entries.filter((e: { tag: string }) => e.tag < FIRST);
  mkdirSync(join(earlier, 'meta'));
  writeFileSync(join(earlier, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));
  for (const e of before) copyFileSync(join(migrationsFolder, `${e.tag}.sql`), join(earlier, `${e.tag}.sql`));
  await migrate(drizzle(client), { migrationsFolder: earlier });
  rmSync(earlier, { recursive: true, force: true });

  const users = Math.max(1000, Math.round(events / 30));
  const started = performance.now();
  for (const s of loadStatements(users).filter((s) => /accounts|sequence|sessions/.test(s.what))) await client.query(s.sql);
  await client.query(`insert into events (id, type, occurred_at, actor, ip, user_id, data, delivery_state, attempts, next_attempt_at, delivered_at)
    select gen_random_uuid(), 'session.created', t, 'user', '203.0.113.' || (n % 250), 1 + n % ${users},
      jsonb_build_object('user_id', 1 + n % ${users}, 'session_id', gen_random_uuid(), 'method', 'password'),
      case when n % 100000 = 7 then 'failed' when n > ${events} - 50 then 'pending' else 'delivered' end,
      case when n % 100000 = 7 then 12 else 1 end, t, t + interval '1 second'
    from generate_series(1, ${events}) n, lateral (select now() - interval '365 days' * (1 - n::float8 / ${events}) as t) x`);
  await client.query('vacuum analyze');
  log(`  loaded ${events} events in the old table, ${users} accounts (${((performance.now() - started) / 1000).toFixed(0)} s)`);

  // A client of the old version recording events all along.
  const writer = new pg.Client({ connectionString: url });
  await writer.connect();
  let writing = true;
  let writes = 0;
  let slowest = 0;
  const writerDone = (async () => {
    while (writing) {
      const t0 = performance.now();
      await writer.query(`insert into events (id, type, actor, user_id, data) values (gen_random_uuid(), 'session.created', 'user', 1, '{}')`);
      slowest = Math.max(slowest, performance.now() - t0);
      writes++;
    }
  })();

  const steps: { tag: string; ms: number }[] = [];
  const tags = journal.entries.filter((e: { tag: string }) => e.tag >= FIRST).map((e: { tag: string }) => e.tag);
  const migrations = readMigrationFiles({ migrationsFolder }).slice(before.length);
  for (const [i, m] of migrations.entries()) {
    const t0 = performance.now();
    await client.query('begin');
    for (const statement of m.sql) await client.query(statement);
    await client.query('commit');
    steps.push({ tag: tags[i], ms: performance.now() - t0 });
    log(`  ${tags[i]}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
  writing = false;
  await writerDone;
  await writer.end();
  await client.end();
  return { events, steps, writes, slowestWriteMs: slowest };
}
